using System.Text.RegularExpressions;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// Folios <c>AU-2026-00042</c>: a prefix, the year and a per-year number that is never reused. The number is
/// taken inside the caller's write transaction, so two registrations at once cannot get the same folio.
/// </summary>
public static partial class Folios
{
    public static string Format(string prefix, int year, int number) => $"{prefix}-{year}-{number:00000}";

    /// <summary>
    /// Reserves the next number of the prefix and year. Call inside the transaction that saves the petition: the one
    /// statement both creates the year's counter and bumps it, and holds that row's lock until the transaction ends, so
    /// two registrations at once (even from two app instances on one PostgreSQL server) wait for each other instead of
    /// taking the same number, and a registration that fails rolls its number back: no duplicates, no gaps.
    /// </summary>
    public static async Task<(string Folio, int Number)> NextAsync(AppDbContext db, string prefix, int year, CancellationToken ct)
    {
        if (db.Database.CurrentTransaction is null) throw new InvalidOperationException("Folios.NextAsync needs the caller's write transaction.");
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "FolioSequences" ("Prefix", "Year", "LastNumber") VALUES ({prefix}, {year}, 1)
            ON CONFLICT ("Prefix", "Year") DO UPDATE SET "LastNumber" = "FolioSequences"."LastNumber" + 1
            RETURNING "LastNumber" AS "Value"
            """).ToListAsync(ct);
        var number = numbers.Single();
        return (Format(prefix, year, number), number);
    }

    /// <summary>
    /// The statement that moves a series past a number already used (a folio brought in by the import), so the next
    /// registration continues after it; never backwards. The three values are the caller's placeholders, as each engine's
    /// writer binds them its own way; the form is one both engines accept.
    /// </summary>
    public static string RaiseSql(string prefix, string year, string last) => $"""
        INSERT INTO "FolioSequences" ("Prefix", "Year", "LastNumber") VALUES ({prefix}, {year}, {last})
        ON CONFLICT ("Prefix", "Year") DO UPDATE SET "LastNumber" =
            CASE WHEN excluded."LastNumber" > "FolioSequences"."LastNumber" THEN excluded."LastNumber" ELSE "FolioSequences"."LastNumber" END
        """;

    /// <summary>Reads a folio typed by a person ("au-2026-42" works too); null when it is not one.</summary>
    public static string? Normalize(string? text, string prefix)
    {
        var match = FolioPattern().Match((text ?? "").Trim());
        if (!match.Success) return null;
        var typedPrefix = match.Groups["prefix"].Success ? match.Groups["prefix"].Value.ToUpperInvariant() : prefix;
        return Format(typedPrefix, int.Parse(match.Groups["year"].Value), int.Parse(match.Groups["number"].Value));
    }

    [GeneratedRegex(@"^(?:(?<prefix>[A-Za-z]{1,10})\s*-\s*)?(?<year>\d{4})\s*-\s*(?<number>\d{1,7})$")]
    private static partial Regex FolioPattern();
}
