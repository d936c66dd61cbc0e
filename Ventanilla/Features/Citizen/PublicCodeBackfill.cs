namespace Ventanilla.Features.Citizen;

/// <summary>
/// Petitions registered before the public status page existed get their verification code at start-up, in batches
/// (a few seconds once for years of imported folios); after that every new petition is born with one.
/// </summary>
public static class PublicCodeBackfill
{
    private const int Batch = 2000;

    public static async Task<int> FillMissingAsync(AppDbContext db, CancellationToken ct)
    {
        var filled = 0;
        while (true)
        {
            var ids = await db.Petitions.IgnoreQueryFilters().Where(p => p.PublicCode == null).OrderBy(p => p.Id).Select(p => p.Id).Take(Batch).ToListAsync(ct);
            if (ids.Count == 0) return filled;
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            foreach (var id in ids)
            {
                var code = PublicCodes.NewPetitionCode();
                await db.Database.ExecuteSqlAsync($"UPDATE \"Petitions\" SET \"PublicCode\" = {code} WHERE \"Id\" = {id}", ct);
            }
            await tx.CommitAsync(ct);
            filled += ids.Count;
        }
    }
}
