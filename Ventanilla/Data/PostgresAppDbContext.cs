namespace Ventanilla.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own only so that EF keeps PostgreSQL's migrations
/// (<c>Data/Migrations/PostgreSql</c>) apart from SQLite's: a migration belongs to exactly one context type.
/// Everything else asks for <see cref="AppDbContext"/> and gets this one when <c>Database:Provider = PostgreSQL</c>.
/// </summary>
public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // PostgreSQL folds unquoted names to lower case; the check constraints name the columns as created.
        builder.Entity<SurveyAnswer>().ToTable(t => t.HasCheckConstraint("CK_SurveyAnswers_Score", "\"Score\" BETWEEN 1 AND 5"));
        builder.Entity<Attachment>().ToTable(t => t.HasCheckConstraint("CK_Attachments_Owner", "\"PetitionId\" IS NOT NULL OR \"VisitId\" IS NOT NULL"));
    }
}
