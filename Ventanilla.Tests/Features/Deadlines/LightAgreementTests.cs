namespace Ventanilla.Tests.Features.Deadlines;

/// <summary>
/// The light decided in SQL (<see cref="PetitionDeadlines.HasLight"/>, what the lists filter and the boards count by)
/// is the clock's (<see cref="LegalClock.Light"/>) for every petition: random statuses, random due dates (weekends and
/// the organismo's days included, as a legacy file can bring them), random non-working days, several "todays".
/// </summary>
public class LightAgreementTests : AppServiceTest
{
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public async Task The_SQL_light_equals_the_clocks_light_for_every_petition(int seed)
    {
        var random = new Random(seed);
        await using (var db = App.CreateDb())
        {
            var type = await db.PetitionTypes.Select(t => t.Id).FirstAsync();
            var start = new DateOnly(2026, 10, 1);
            for (var i = 0; i < 12; i++)
            {
                var day = start.AddDays(random.Next(0, 90));
                db.NonWorkingDays.Add(new NonWorkingDay { StartDate = day, EndDate = day.AddDays(random.Next(0, 3)), Description = $"Día {i}" });
            }
            var statuses = Enum.GetValues<PetitionStatus>();
            for (var i = 0; i < 400; i++)
            {
                var due = start.AddDays(random.Next(0, 100));
                db.Petitions.Add(PetitionRows.Make(new DateTime(2026, 9, 15, 10, 0, 0), new DateOnly(2026, 9, 15), type, statuses[random.Next(statuses.Length)], due));
            }
            await db.SaveChangesAsync();
        }
        await App.Get<CalendarService>().ReloadAsync();

        foreach (var today in Enumerable.Range(0, 6).Select(_ => new DateOnly(2026, 10, 20).AddDays(random.Next(0, 50))))
        {
            var clock = App.Get<CalendarService>().Clock();
            await using var db = App.CreateDb();
            var petitions = await db.Petitions.AsNoTracking().Select(p => new { p.Id, p.Status, p.DueDate }).ToListAsync();
            foreach (var light in Enum.GetValues<TrafficLight>())
            {
                var inSql = (await db.Petitions.Where(PetitionDeadlines.HasLight(light, clock.Bounds(today))).Select(p => p.Id).ToListAsync()).Order();
                var byClock = petitions.Where(p => PetitionDeadlines.IsOpen(p.Status)
                    && clock.Light(p.DueDate, p.Status == PetitionStatus.EsperandoUsuario, today) == light).Select(p => p.Id).Order();
                Assert.True(inSql.SequenceEqual(byClock), $"{light} el {today:dd/MM/yyyy}: SQL {inSql.Count()} y reloj {byClock.Count()}");
            }
            // The clock's light itself is "at most the threshold business days left" (DESIGN §4), whatever day the due date falls on.
            foreach (var p in petitions.Where(p => PetitionDeadlines.IsOpen(p.Status) && p.Status != PetitionStatus.EsperandoUsuario))
            {
                var left = clock.DaysLeft(p.DueDate, today);
                var expected = p.DueDate < today ? TrafficLight.Rojo : left <= clock.Terms.YellowThresholdDays ? TrafficLight.Amarillo : TrafficLight.Verde;
                Assert.Equal(expected, clock.Light(p.DueDate, false, today));
            }
        }
    }
}
