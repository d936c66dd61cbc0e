using Microsoft.EntityFrameworkCore.Metadata;
using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Features.Import;

/// <summary>
/// The import writes its tables column by column on two engines; the columns come from one list (ImportTables). A
/// column the model maps must be written by the import or left to its default with a reason, so a new column cannot be
/// forgotten by one of the writers.
/// </summary>
public class ImportTablesTests : AppServiceTest
{
    [Fact]
    public void Every_mapped_column_of_an_imported_table_is_written_or_left_out_with_a_reason()
    {
        using var db = App.CreateDb();
        var problems = new List<string>();
        foreach (var (table, written) in ImportTables.Written)
        {
            var entity = db.Model.GetEntityTypes().Single(e => e.GetTableName() == table);
            var store = StoreObjectIdentifier.Table(table, entity.GetSchema());
            var mapped = entity.GetProperties().Where(p => !p.IsPrimaryKey()).Select(p => p.GetColumnName(store)!).ToHashSet();
            var leftOut = ImportTables.NotWritten[table];
            problems.AddRange(mapped.Except(written).Except(leftOut.Keys).Select(c => $"{table}.{c}: ni se importa ni dice por qué no"));
            problems.AddRange(written.Except(mapped).Select(c => $"{table}.{c}: se importa pero el modelo no la tiene"));
            problems.AddRange(leftOut.Keys.Except(mapped).Select(c => $"{table}.{c}: se deja fuera pero el modelo no la tiene"));
            problems.AddRange(leftOut.Keys.Intersect(written).Select(c => $"{table}.{c}: se importa y a la vez se deja fuera"));
            problems.AddRange(written.GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"{table}.{g.Key}: repetida"));
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }
}
