using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Features.Shared;

/// <summary>Every failure of an endpoint reaches another program as one kind of RFC 7807 problem, with a stable code.</summary>
public class ProblemsTests
{
    [Theory]
    [InlineData(RuleKind.Invalid, 400, Problems.Invalid)]
    [InlineData(RuleKind.NotFound, 404, Problems.NotFound)]
    [InlineData(RuleKind.Forbidden, 403, Problems.Forbidden)]
    [InlineData(RuleKind.Conflict, 409, Problems.Conflict)]
    public void A_refusal_keeps_its_spanish_message_and_gets_the_status_and_code_of_its_kind(RuleKind kind, int status, string code)
    {
        var problem = Problems.For(new RuleException("Folio: no existe «AU-2026-9».", kind));

        Assert.Equal(status, problem.Status);
        Assert.Equal("Folio: no existe «AU-2026-9».", problem.Detail);
        Assert.Equal(code, problem.Extensions["codigo"]);
        Assert.Equal($"urn:ventanilla:problema:{code}", problem.Type);
    }

    [Fact]
    public void A_storage_fault_is_a_503_in_the_words_the_pages_use()
    {
        var problem = Problems.For(new DbUpdateException("save", new SqliteException("full", 13)));

        Assert.Equal(503, problem.Status);
        Assert.Equal(Problems.Storage, problem.Extensions["codigo"]);
        Assert.Equal(Faults.Describe(new SqliteException("full", 13)), problem.Detail);
    }

    [Fact]
    public void A_defect_says_nothing_of_its_inside()
    {
        var problem = Problems.For(new InvalidOperationException("Sequence contains no elements at Ventanilla.Secret"));

        Assert.Equal(500, problem.Status);
        Assert.Equal(Problems.Unexpected, problem.Extensions["codigo"]);
        Assert.DoesNotContain("Secret", problem.Detail);
    }

    [Fact]
    public async Task A_change_lost_to_someone_else_s_is_a_conflict()
    {
        // A row saved with the version it was read at, after someone else moved it: SaveOrStale refuses as a conflict.
        await using var app = await TestApp.CreateAsync();
        await using (var db = app.CreateDb())
        {
            var area = await db.Areas.FirstAsync();
            db.Entry(area).Property(a => a.Version).OriginalValue = area.Version - 1;
            area.Name += " (cambio)";
            var refused = await Assert.ThrowsAsync<RuleException>(() => db.SaveOrStaleAsync("Alguien más cambió el área.", default));
            Assert.Equal((RuleKind.Conflict, 409), (refused.Kind, Problems.For(refused).Status));
        }
        Assert.Equal(RuleKind.Invalid, new RuleException("x").Kind);
    }
}
