using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class AttachmentConfiguration : IEntityTypeConfiguration<Attachment>
{
    public void Configure(EntityTypeBuilder<Attachment> b)
    {
        b.Property(x => x.FileName).HasMaxLength(200);
        b.Property(x => x.ContentType).HasMaxLength(60);
        b.Property(x => x.Sha256).HasMaxLength(64);
        b.Property(x => x.UploadedByName).HasMaxLength(200);
        b.Property(x => x.WithdrawnByName).HasMaxLength(200);
        b.Property(x => x.WithdrawnReason).HasMaxLength(500);
        b.HasIndex(x => x.PetitionId);
        b.HasIndex(x => x.VisitId);
        b.HasIndex(x => x.CitizenDeliveryId);
        b.HasOne(x => x.CitizenDelivery).WithMany().HasForeignKey(x => x.CitizenDeliveryId).OnDelete(DeleteBehavior.Restrict);
        // The backup lists the files the database refers to by their hash.
        b.HasIndex(x => x.Sha256);
        b.HasOne(x => x.Petition).WithMany().HasForeignKey(x => x.PetitionId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Visit).WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
        // Quoted names, one text for both engines: PostgreSQL folds unquoted ones to lower case, SQLite accepts the quotes.
        b.ToTable(t => t.HasCheckConstraint("CK_Attachments_Owner", "\"PetitionId\" IS NOT NULL OR \"VisitId\" IS NOT NULL"));
    }
}
