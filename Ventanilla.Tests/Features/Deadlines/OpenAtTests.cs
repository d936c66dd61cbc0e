namespace Ventanilla.Tests.Features.Deadlines;

/// <summary>
/// «Open at the end of a month» is asked of the database in three parts, each through its own index; together they
/// must be exactly the one definition (<see cref="PetitionDeadlines.OpenAt"/>), and never two of them at once.
/// </summary>
public class OpenAtTests
{
    [Fact]
    public void The_three_parts_are_the_definition_and_never_overlap()
    {
        var random = new Random(5);
        var asOf = new DateOnly(2026, 10, 31);
        var endUtc = new DateTime(2026, 11, 1, 6, 0, 0, DateTimeKind.Utc);
        var definition = PetitionDeadlines.OpenAt(asOf, endUtc).Compile();
        var parts = PetitionDeadlines.OpenAtParts(asOf, endUtc).Select(p => p.Compile()).ToList();
        DateOnly? SomeDay() => random.Next(4) == 0 ? null : asOf.AddDays(random.Next(-5, 6));
        for (var i = 0; i < 20_000; i++)
        {
            var response = SomeDay();
            var petition = new Petition
            {
                Status = (PetitionStatus)random.Next(0, 10),
                ReceivedAtUtc = endUtc.AddDays(random.Next(-5, 3)),
                ResponseDate = response,
                ClosedAtUtc = random.Next(3) == 0 ? null : endUtc.AddHours(random.Next(-72, 72)),
            };

            var holding = parts.Count(part => part(petition));

            Assert.True(holding == (definition(petition) ? 1 : 0),
                $"{petition.Status}, recibida {petition.ReceivedAtUtc:u}, respuesta {petition.ResponseDate}, cierre {petition.ClosedAtUtc:u}: {holding} partes");
        }
    }
}
