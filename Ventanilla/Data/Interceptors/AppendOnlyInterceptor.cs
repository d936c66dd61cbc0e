namespace Ventanilla.Data.Interceptors;

/// <summary>
/// Enforces "nothing is ever deleted" for the registers and "append-only" for the event log:
/// a save that would rewrite history fails before anything reaches the database.
/// </summary>
public sealed class AppendOnlyInterceptor : BeforeSaveInterceptor
{
    protected override void BeforeSave(DbContext context)
    {
        foreach (var entry in context.ChangeTracker.Entries())
        {
            // An issued document's record (its hash, its signer) is what /verificar vouches for: never rewritten either.
            var rewritesEvent = entry.Entity is PetitionEvent or IssuedDocument && entry.State is EntityState.Modified or EntityState.Deleted;
            var deletesRegister = entry.State == EntityState.Deleted
                && entry.Entity is Petition or Visit or QueueTicket or Routing or FollowUp or PetitionResponse or Delivery or Appointment;
            if (rewritesEvent || deletesRegister)
            {
                throw new InvalidOperationException(
                    $"El historial es de solo adición: no se puede modificar ni borrar un registro de {entry.Metadata.ClrType.Name}.");
            }
        }
    }
}
