using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class OnlineRequestConfiguration : IEntityTypeConfiguration<OnlineRequest>
{
    public void Configure(EntityTypeBuilder<OnlineRequest> b)
    {
        b.Property(x => x.TokenHash).HasMaxLength(64);
        b.Property(x => x.PetitionerName).HasMaxLength(120);
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.CadastralKey).HasMaxLength(40);
        b.Property(x => x.Address).HasMaxLength(300);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Email).HasMaxLength(200);
        b.Property(x => x.EmailHash).HasMaxLength(64);
        b.Property(x => x.Description).HasMaxLength(4000);
        b.Property(x => x.PrivacyNoticeVersion).HasMaxLength(20);
        b.Property(x => x.Fingerprint).HasMaxLength(64);
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.Property(x => x.ClientAddress).HasMaxLength(64);
        b.HasIndex(x => x.TokenHash).IsUnique();
        // The limits count a day of requests per address and per client; the duplicate check finds a day's confirmed twin.
        b.HasIndex(x => new { x.EmailHash, x.CreatedAtUtc });
        b.HasIndex(x => new { x.ClientAddress, x.CreatedAtUtc });
        b.HasIndex(x => new { x.Fingerprint, x.ConfirmedAtUtc });
        b.HasIndex(x => x.PetitionId).IsUnique();
        b.HasOne(x => x.PetitionType).WithMany().HasForeignKey(x => x.PetitionTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Petition>().WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Files).WithOne().HasForeignKey(x => x.OnlineRequestId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OnlineRequestFileConfiguration : IEntityTypeConfiguration<OnlineRequestFile>
{
    public void Configure(EntityTypeBuilder<OnlineRequestFile> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.StoredName).HasMaxLength(32);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.Property(x => x.Sha256).HasMaxLength(64);
    }
}

internal sealed class CitizenDeliveryConfiguration : IEntityTypeConfiguration<CitizenDelivery>
{
    public void Configure(EntityTypeBuilder<CitizenDelivery> b)
    {
        b.Property(x => x.Note).HasMaxLength(1000);
        b.Property(x => x.PrivacyNoticeVersion).HasMaxLength(20);
        b.Property(x => x.ReviewedByName).HasMaxLength(200);
        b.Property(x => x.RejectReason).HasMaxLength(500);
        b.HasIndex(x => new { x.PetitionId, x.Status });
        // The staff's «por revisar» list and count read the pending ones.
        b.HasIndex(x => x.Status).HasFilter("\"Status\" = 0").HasDatabaseName("IX_CitizenDeliveries_Pending");
        // One pending answer per requirement, held by the database itself: two uploads at once cannot both pass.
        b.HasIndex(x => x.PauseId).IsUnique().HasFilter("\"Status\" = 0").HasDatabaseName("IX_CitizenDeliveries_OnePending");
        b.HasOne(x => x.Petition).WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Pause).WithMany().HasForeignKey(x => x.PauseId).OnDelete(DeleteBehavior.Restrict);
        // Quoted names, one text for both engines.
        b.ToTable(t => t.HasCheckConstraint("CK_CitizenDeliveries_Owner", "\"PetitionId\" IS NOT NULL AND \"PauseId\" IS NOT NULL"));
    }
}
