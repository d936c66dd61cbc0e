using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class AppointmentOfferConfiguration : IEntityTypeConfiguration<AppointmentOffer>
{
    public void Configure(EntityTypeBuilder<AppointmentOffer> b)
    {
        // One offer per category.
        b.HasIndex(x => x.ServiceCategoryId).IsUnique();
        b.HasOne(x => x.ServiceCategory).WithMany().HasForeignKey(x => x.ServiceCategoryId).OnDelete(DeleteBehavior.Restrict);
        // Quoted names, one text for both engines.
        b.ToTable(t =>
        {
            t.HasCheckConstraint("CK_AppointmentOffers_SlotMinutes", "\"SlotMinutes\" BETWEEN 5 AND 240");
            t.HasCheckConstraint("CK_AppointmentOffers_DaysAhead", "\"DaysAhead\" BETWEEN 1 AND 90");
            t.HasCheckConstraint("CK_AppointmentOffers_WalkInShare", "\"WalkInSharePercent\" BETWEEN 0 AND 90");
        });
    }
}

internal sealed class AppointmentConfiguration : IEntityTypeConfiguration<Appointment>
{
    /// <summary>Booked or checked in: what "one active booking per person, service and day" counts.</summary>
    public const string ActiveFilter = "\"Status\" IN (0, 1)";

    public void Configure(EntityTypeBuilder<Appointment> b)
    {
        b.Property(x => x.Code).HasMaxLength(16);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.Phone).HasMaxLength(20);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.Folio).HasMaxLength(30);
        b.Property(x => x.PrivacyNoticeVersion).HasMaxLength(20);
        b.HasIndex(x => x.CodeHash).IsUnique();
        b.HasIndex(x => x.RequestId).IsUnique();
        // The day's list and the check-in window's sweep read by day; the reminders by the slot's instant.
        b.HasIndex(x => new { x.OfficeId, x.Day, x.StartMinute });
        b.HasIndex(x => new { x.Status, x.StartUtc });
        // One active booking per phone (and per e-mail) per service and day, held by the database itself, so two
        // submits at once cannot both pass the check.
        b.HasIndex(x => new { x.ServiceCategoryId, x.Day, x.Phone }).IsUnique()
            .HasFilter($"\"Phone\" IS NOT NULL AND {ActiveFilter}").HasDatabaseName("IX_Appointments_ActivePhone");
        b.HasIndex(x => new { x.ServiceCategoryId, x.Day, x.Email }).IsUnique()
            .HasFilter($"\"Email\" IS NOT NULL AND {ActiveFilter}").HasDatabaseName("IX_Appointments_ActiveEmail");
        b.HasIndex(x => x.PetitionId);
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.ServiceCategory).WithMany().HasForeignKey(x => x.ServiceCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Visit).WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        // A way to reach the person, until the retention (or a cancellation of their data) removes it on purpose.
        b.ToTable(t => t.HasCheckConstraint("CK_Appointments_Contact", "\"Phone\" IS NOT NULL OR \"Email\" IS NOT NULL OR \"AnonymizedAtUtc\" IS NOT NULL"));
    }
}

internal sealed class AppointmentSlotConfiguration : IEntityTypeConfiguration<AppointmentSlot>
{
    public void Configure(EntityTypeBuilder<AppointmentSlot> b)
    {
        // The key the booking's conditional upsert conflicts on.
        b.HasIndex(x => new { x.ServiceCategoryId, x.Day, x.StartMinute }).IsUnique();
        b.HasOne<ServiceCategory>().WithMany().HasForeignKey(x => x.ServiceCategoryId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_AppointmentSlots_Booked", "\"Booked\" >= 0"));
    }
}
