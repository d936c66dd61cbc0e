using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class IssuedDocumentConfiguration : IEntityTypeConfiguration<IssuedDocument>
{
    public void Configure(EntityTypeBuilder<IssuedDocument> b)
    {
        b.Property(x => x.CodeHash).HasMaxLength(64);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.SignerName).HasMaxLength(200);
        b.Property(x => x.SignerPosition).HasMaxLength(120);
        b.Property(x => x.CertificateSerial).HasMaxLength(80);
        b.HasIndex(x => x.CodeHash).IsUnique();
        b.HasIndex(x => x.Sha256);
        b.HasIndex(x => x.PetitionId);
        // Optional links for EF only (petitions are hidden while an import writes them); the columns are always set.
        b.HasOne(x => x.Petition).WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Attachment).WithMany().HasForeignKey(x => x.AttachmentId).OnDelete(DeleteBehavior.Restrict);
        b.ToTable(t => t.HasCheckConstraint("CK_IssuedDocuments_Petition", "\"PetitionId\" IS NOT NULL"));
    }
}

internal sealed class SigningCertificateConfiguration : IEntityTypeConfiguration<SigningCertificate>
{
    public void Configure(EntityTypeBuilder<SigningCertificate> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.SubjectName).HasMaxLength(400);
        b.Property(x => x.IssuerName).HasMaxLength(400);
        b.Property(x => x.SerialNumber).HasMaxLength(80);
        // One certificate in use per person, held by the database.
        b.HasIndex(x => x.UserId).IsUnique().HasFilter("\"RetiredAtUtc\" IS NULL").HasDatabaseName("IX_SigningCertificates_InUse");
    }
}

internal sealed class StaffNotificationConfiguration : IEntityTypeConfiguration<StaffNotification>
{
    public void Configure(EntityTypeBuilder<StaffNotification> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Folio).HasMaxLength(30);
        b.Property(x => x.Title).HasMaxLength(200);
        b.Property(x => x.Body).HasMaxLength(1000);
        b.HasIndex(x => new { x.UserId, x.ReadAtUtc });
    }
}

internal sealed class EscalationSentConfiguration : IEntityTypeConfiguration<EscalationSent>
{
    public void Configure(EntityTypeBuilder<EscalationSent> b) => b.HasIndex(x => new { x.PetitionId, x.Stage }).IsUnique();
}

internal sealed class PersonalDataReadConfiguration : IEntityTypeConfiguration<PersonalDataRead>
{
    public void Configure(EntityTypeBuilder<PersonalDataRead> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Folio).HasMaxLength(30);
        b.Property(x => x.Detail).HasMaxLength(1000);
        b.Property(x => x.Source).HasMaxLength(500);
        b.Property(x => x.Address).HasMaxLength(64);
        // The log's three filters (and the retention's cut by date).
        b.HasIndex(x => x.AtUtc);
        b.HasIndex(x => new { x.Folio, x.AtUtc });
        b.HasIndex(x => new { x.UserId, x.AtUtc });
        // Append-only: the migrations add a trigger that refuses any UPDATE (declared so EF writes plain inserts).
        b.ToTable(t => t.HasTrigger(AppendOnly.PersonalDataReadsTrigger));
    }
}

internal sealed class PrivacyNoticeVersionConfiguration : IEntityTypeConfiguration<PrivacyNoticeVersion>
{
    public void Configure(EntityTypeBuilder<PrivacyNoticeVersion> b)
    {
        b.Property(x => x.ShortText).HasMaxLength(2000);
        b.Property(x => x.FullText).HasMaxLength(20000);
        b.Property(x => x.PublishedBy).HasMaxLength(200);
        b.HasIndex(x => x.Number).IsUnique();
    }
}

internal sealed class RetentionRunConfiguration : IEntityTypeConfiguration<RetentionRun>
{
    public void Configure(EntityTypeBuilder<RetentionRun> b)
    {
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(1000);
    }
}

internal sealed class SettingChangeConfiguration : IEntityTypeConfiguration<SettingChange>
{
    public void Configure(EntityTypeBuilder<SettingChange> b)
    {
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.What).HasMaxLength(200);
        b.Property(x => x.Before).HasMaxLength(500);
        b.Property(x => x.After).HasMaxLength(500);
        b.HasIndex(x => x.AtUtc);
    }
}

internal sealed class PersonalDataChangeConfiguration : IEntityTypeConfiguration<PersonalDataChange>
{
    public void Configure(EntityTypeBuilder<PersonalDataChange> b)
    {
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.ArcoFolio).HasMaxLength(30);
        b.Property(x => x.Record).HasMaxLength(200);
        b.Property(x => x.Field).HasMaxLength(200);
        b.Property(x => x.Before).HasMaxLength(500);
        b.Property(x => x.After).HasMaxLength(500);
        b.HasIndex(x => new { x.ArcoFolio, x.Id });
    }
}
