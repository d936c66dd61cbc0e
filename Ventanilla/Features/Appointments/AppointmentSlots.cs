namespace Ventanilla.Features.Appointments;

/// <summary>
/// The places of a slot, taken and given back by one statement each inside the booking's transaction. The take is a
/// conditional upsert: it creates the slot's counter with one booking, or adds one only while fewer than the capacity
/// are booked, and says which happened. SQLite runs one writer at a time; PostgreSQL's upsert locks the counter's row
/// and checks the condition again on the row as the other booking left it. So fifty people booking the last places at
/// once never put a slot over its capacity: the ones who lose are told, and nothing of theirs is written.
/// </summary>
internal static class AppointmentSlots
{
    /// <summary>True when a place was taken; false when the slot is full.</summary>
    public static async Task<bool> TakeAsync(AppDbContext db, int categoryId, DateOnly day, int startMinute, int capacity, CancellationToken ct)
    {
        if (capacity < 1) return false;
        var taken = await db.Database.SqlQuery<int>($"""
            INSERT INTO "AppointmentSlots" ("ServiceCategoryId", "Day", "StartMinute", "Booked") VALUES ({categoryId}, {day}, {startMinute}, 1)
            ON CONFLICT ("ServiceCategoryId", "Day", "StartMinute") DO UPDATE SET "Booked" = "AppointmentSlots"."Booked" + 1
            WHERE "AppointmentSlots"."Booked" < {capacity}
            RETURNING "Booked" AS "Value"
            """).ToListAsync(ct);
        return taken.Count == 1;
    }

    /// <summary>Gives a place back (a cancel, a move).</summary>
    public static Task ReleaseAsync(AppDbContext db, int categoryId, DateOnly day, int startMinute, CancellationToken ct)
        => db.Database.ExecuteSqlAsync($"""
            UPDATE "AppointmentSlots" SET "Booked" = "Booked" - 1
            WHERE "ServiceCategoryId" = {categoryId} AND "Day" = {day} AND "StartMinute" = {startMinute} AND "Booked" > 0
            """, ct);
}
