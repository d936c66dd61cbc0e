using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> b)
    {
        b.Property(x => x.Name).HasMaxLength(200);
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.CadastralKey).HasMaxLength(40);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Address).HasMaxLength(300);
        b.HasIndex(x => x.AccountNumber);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.HasIndex(x => x.SearchName);
        b.HasIndex(x => x.Phone);
    }
}

internal sealed class VisitConfiguration : IEntityTypeConfiguration<Visit>
{
    public void Configure(EntityTypeBuilder<Visit> b)
    {
        b.Property(x => x.PrivacyNoticeVersion).HasMaxLength(20);
        b.Property(x => x.VisitorName).HasMaxLength(200);
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.OutcomeNote).HasMaxLength(2000);
        b.Property(x => x.PublicCode).HasMaxLength(40);
        b.HasIndex(x => x.PublicCode).IsUnique();
        // By day (the register, the queue) and, carrying what the monthly indicators read, by month without visiting rows.
        b.HasIndex(x => new { x.ServiceDate, x.ServiceCategoryId, x.Outcome, x.ArrivedAtUtc, x.CalledAtUtc, x.ServiceStartedAtUtc, x.FinishedAtUtc });
        b.Property(x => x.DraftSubject).HasMaxLength(4000);
        // The visits whose petition still owes a folio (outcome 7, PetitionCreated, without a petition): a handful among
        // years of visits, read in arrival order by the Control de Peticiones. The same filter text on both engines.
        b.HasIndex(x => x.ArrivedAtUtc).HasFilter("\"Outcome\" = 7 AND \"PetitionId\" IS NULL").HasDatabaseName("IX_Visits_PendingDrafts");
        b.HasIndex(x => x.KioskRequestId).IsUnique();
        b.HasIndex(x => new { x.OfficeId, x.ServiceDate });
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        // Rows written without an office (the legacy import, raw inserts) are the main office's.
        b.Property(x => x.OfficeId).HasDefaultValue(Office.MainId);
        b.HasOne(x => x.DraftPetitionType).WithMany().HasForeignKey(x => x.DraftPetitionTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.StaffUser).WithMany().HasForeignKey(x => x.StaffUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class QueueTicketConfiguration : IEntityTypeConfiguration<QueueTicket>
{
    public void Configure(EntityTypeBuilder<QueueTicket> b)
    {
        b.Property(x => x.Code).HasMaxLength(10);
        b.HasOne(x => x.Visit).WithMany(v => v.Tickets).HasForeignKey(x => x.VisitId);
        // The database itself refuses a turn number issued twice on the same day and category.
        b.HasIndex(x => new { x.ServiceDate, x.ServiceCategoryId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.ServiceDate, x.Status });
    }
}

internal sealed class PetitionConfiguration : IEntityTypeConfiguration<Petition>
{
    public void Configure(EntityTypeBuilder<Petition> b)
    {
        // The archive's transfer list (by series and end of the active period).
        b.HasIndex(x => new { x.ArchiveSeriesId, x.ArchiveActiveUntil });
        // The closed files still without a series, in id order (ArchiveClassification): empty in an office's steady
        // state. Without it every hourly run, and every batch of the first one after an upgrade, read a city's million
        // petitions (350 ms a batch, for minutes after the start, beside the first people's pages). The series (null in
        // every entry) leads so that SQLite, without statistics, prefers it to the transfer list's index above.
        b.HasIndex(x => new { x.ArchiveSeriesId, x.Id }, "IX_Petitions_ArchivePending").HasFilter("\"ClosedAtUtc\" IS NOT NULL AND \"ArchiveSeriesId\" IS NULL");
        // Petitions still without their public code (PublicCodeBackfill, at every start): empty once filled.
        b.HasIndex(x => x.Id, "IX_Petitions_CodePending").HasFilter("\"PublicCode\" IS NULL");
        b.Property(x => x.Folio).HasMaxLength(30);
        b.Property(x => x.OficialiaFolio).HasMaxLength(40);
        b.Property(x => x.PetitionerName).HasMaxLength(200);
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.CadastralKey).HasMaxLength(40);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.PrivacyNoticeVersion).HasMaxLength(20);
        b.Property(x => x.ElectronicDeliveryPrivacyVersion).HasMaxLength(20);
        b.Property(x => x.PublicCode).HasMaxLength(10);
        b.Property(x => x.Subject).HasMaxLength(4000);
        b.Property(x => x.DocumentsReceived).HasMaxLength(1000);
        b.Property(x => x.Notes).HasMaxLength(4000);
        b.Property(x => x.CancelReason).HasMaxLength(1000);
        b.Property(x => x.TermExtensionReason).HasMaxLength(1000);
        b.Property(x => x.ImportSource).HasMaxLength(300);
        b.HasIndex(x => x.Folio).IsUnique();
        b.HasIndex(x => x.OfficeId);
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        // Rows written without an office (the legacy import, raw inserts) are the main office's.
        b.Property(x => x.OfficeId).HasDefaultValue(Office.MainId);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.HasIndex(x => x.SearchName);
        b.HasIndex(x => x.OficialiaFolio);
        b.HasIndex(x => new { x.Status, x.DueDate });
        // The open petitions by due date: the wall board's worst folios and the lights read a few thousand index entries
        // instead of a city's million petitions. Open is PetitionDeadlines.Open (status before Entregada, 6).
        b.HasIndex(x => new { x.DueDate, x.Status }).HasFilter("\"Status\" < 6").HasDatabaseName("IX_Petitions_OpenDue");
        // Closed within a month (the indicators' cancellations and closings without proof, and what was open then).
        b.HasIndex(x => x.ClosedAtUtc);
        // The indicators count written and online petitions per month; in person ones are the rest of the month's total.
        b.HasIndex(x => new { x.Channel, x.ReceivedAtUtc }).HasFilter("\"Channel\" <> 0").HasDatabaseName("IX_Petitions_Remote");
        b.Property(x => x.DayZero).HasColumnName("ReceptionDay");
        b.HasIndex(x => x.DayZero);
        // The monthly indicators select petitions by the month they were received, answered and closed in; the
        // indexes carry the columns those queries read, so SQLite answers from them without visiting the rows.
        b.HasIndex(x => new { x.ReceivedAtUtc, x.ResponseDate, x.ClosedAtUtc, x.PetitionTypeId, x.DayZero });
        b.HasIndex(x => new { x.ResponseDate, x.DayZero, x.PetitionTypeId, x.OnTime, x.DueDate });
        // What is open at a month's end and how old it is (PetitionDeadlines.OpenAtParts' first part), from a small index.
        // The id is in it for PostgreSQL (SQLite's indexes carry the row id anyway): the open petitions' routings are
        // looked up from the index alone.
        b.HasIndex(x => new { x.ReceivedAtUtc, x.ResponseDate, x.DayZero, x.PetitionTypeId, x.Status, x.Id })
            .HasFilter("\"Status\" < 6").HasDatabaseName("IX_Petitions_OpenAge");
        b.HasIndex(x => new { x.ClosedAtUtc, x.Status });
        b.HasIndex(x => x.AccountNumber);
        b.HasOne(x => x.PetitionType).WithMany().HasForeignKey(x => x.PetitionTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class FolioSequenceConfiguration : IEntityTypeConfiguration<FolioSequence>
{
    public void Configure(EntityTypeBuilder<FolioSequence> b)
    {
        b.HasKey(x => new { x.Prefix, x.Year });
        b.Property(x => x.Prefix).HasMaxLength(10);
    }
}

internal sealed class PetitionPauseConfiguration : IEntityTypeConfiguration<PetitionPause>
{
    public void Configure(EntityTypeBuilder<PetitionPause> b)
    {
        b.Property(x => x.Note).HasMaxLength(1000);
        b.HasOne<Petition>().WithMany(p => p.Pauses).HasForeignKey(x => x.PetitionId);
        // The indicators count how ownership proofs arrived, per month of the day the wait ended.
        b.HasIndex(x => new { x.Reason, x.EndDate });
    }
}

internal sealed class RoutingConfiguration : IEntityTypeConfiguration<Routing>
{
    public void Configure(EntityTypeBuilder<Routing> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.Property(x => x.Answer).HasMaxLength(4000);
        b.HasOne(x => x.Petition).WithMany(p => p.Routings).HasForeignKey(x => x.PetitionId);
        b.HasOne(x => x.Area).WithMany().HasForeignKey(x => x.AreaId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.AreaId, x.Status });
        // A petition's routings with what the indicators group by (status, area): the month's open petitions find their
        // areas from the index alone, without reading a routing row each (50,000 on a city). It replaces the foreign
        // key's own index on PetitionId, which it starts with.
        b.HasIndex(x => new { x.PetitionId, x.Status, x.AreaId });
        // The pending routings (status 0): the daily follow-up's rows, a few thousand among a city's million routings.
        b.HasIndex(x => new { x.AreaId, x.PetitionId }).HasFilter("\"Status\" = 0").HasDatabaseName("IX_Routings_Pending");
    }
}

internal sealed class FollowUpConfiguration : IEntityTypeConfiguration<FollowUp>
{
    public void Configure(EntityTypeBuilder<FollowUp> b)
    {
        b.Property(x => x.Note).HasMaxLength(2000);
        b.HasOne<Routing>().WithMany(r => r.FollowUps).HasForeignKey(x => x.RoutingId);
    }
}

internal sealed class PetitionResponseConfiguration : IEntityTypeConfiguration<PetitionResponse>
{
    public void Configure(EntityTypeBuilder<PetitionResponse> b)
    {
        b.Property(x => x.Text).HasMaxLength(20000);
        b.Property(x => x.ReviewComments).HasMaxLength(4000);
        b.HasOne<Petition>().WithMany(p => p.Responses).HasForeignKey(x => x.PetitionId);
    }
}

internal sealed class DeliveryConfiguration : IEntityTypeConfiguration<Delivery>
{
    public void Configure(EntityTypeBuilder<Delivery> b)
    {
        b.Property(x => x.ReceivedBy).HasMaxLength(200);
        b.Property(x => x.Notes).HasMaxLength(2000);
        b.HasOne<Petition>().WithMany(p => p.Deliveries).HasForeignKey(x => x.PetitionId);
    }
}

internal sealed class PetitionEventConfiguration : IEntityTypeConfiguration<PetitionEvent>
{
    public void Configure(EntityTypeBuilder<PetitionEvent> b)
    {
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.UserName).HasMaxLength(200);
        b.Property(x => x.Note).HasMaxLength(4000);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId);
        b.HasIndex(x => new { x.PetitionId, x.AtUtc });
    }
}

internal sealed class ImportRunConfiguration : IEntityTypeConfiguration<ImportRun>
{
    public void Configure(EntityTypeBuilder<ImportRun> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.FileHash).HasMaxLength(64);
        b.HasIndex(x => x.FileHash);
    }
}
