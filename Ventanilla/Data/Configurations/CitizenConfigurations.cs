using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class SurveyAnswerConfiguration : IEntityTypeConfiguration<SurveyAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyAnswer> b)
    {
        b.Property(x => x.Comment).HasMaxLength(1000);
        // One answer per visit, enforced by the database itself.
        b.HasIndex(x => x.VisitId).IsUnique();
        b.HasIndex(x => x.AnsweredAtUtc);
        b.HasOne(x => x.Visit).WithMany().HasForeignKey(x => x.VisitId).OnDelete(DeleteBehavior.Restrict);
        // Quoted names, one text for both engines: PostgreSQL folds unquoted ones to lower case, SQLite accepts the quotes.
        b.ToTable(t => t.HasCheckConstraint("CK_SurveyAnswers_Score", "\"Score\" BETWEEN 1 AND 5"));
    }
}

internal sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> b)
    {
        b.Property(x => x.Kind).HasMaxLength(60);
        b.Property(x => x.To).HasMaxLength(200);
        b.Property(x => x.Subject).HasMaxLength(300);
        b.Property(x => x.Body).HasMaxLength(8000);
        b.Property(x => x.LastError).HasMaxLength(1000);
        // The sender's question: what is pending and due.
        b.HasIndex(x => new { x.Status, x.NextAttemptUtc });
        b.HasIndex(x => x.PetitionId);
        b.HasIndex(x => x.AppointmentId);
    }
}
