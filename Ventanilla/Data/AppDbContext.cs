using System.Linq.Expressions;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;

namespace Ventanilla.Data;

/// <summary>
/// The one database of the office: Identity tables and the procedure's registers in the same SQLite file (or, for
/// several offices, on one PostgreSQL server: <see cref="PostgresAppDbContext"/>).
/// Created per operation through <c>IDbContextFactory</c>; never held by a component.
/// </summary>
public class AppDbContext : IdentityDbContext<ApplicationUser>
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options)
    {
    }

    protected AppDbContext(DbContextOptions options) : base(options)
    {
    }

    public DbSet<UserArea> UserAreas => Set<UserArea>();
    public DbSet<Office> Offices => Set<Office>();
    public DbSet<UserOffice> UserOffices => Set<UserOffice>();
    public DbSet<UserSession> UserSessions => Set<UserSession>();
    public DbSet<Area> Areas => Set<Area>();
    public DbSet<PetitionType> PetitionTypes => Set<PetitionType>();
    public DbSet<ServiceCategory> ServiceCategories => Set<ServiceCategory>();
    public DbSet<Desk> Desks => Set<Desk>();
    public DbSet<DeskCategory> DeskCategories => Set<DeskCategory>();
    public DbSet<NonWorkingDay> NonWorkingDays => Set<NonWorkingDay>();
    public DbSet<AppSettings> Settings => Set<AppSettings>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Visit> Visits => Set<Visit>();
    public DbSet<QueueTicket> QueueTickets => Set<QueueTicket>();
    public DbSet<Petition> Petitions => Set<Petition>();
    public DbSet<FolioSequence> FolioSequences => Set<FolioSequence>();
    public DbSet<PetitionPause> PetitionPauses => Set<PetitionPause>();
    public DbSet<Routing> Routings => Set<Routing>();
    public DbSet<FollowUp> FollowUps => Set<FollowUp>();
    public DbSet<PetitionResponse> PetitionResponses => Set<PetitionResponse>();
    public DbSet<Delivery> Deliveries => Set<Delivery>();
    public DbSet<PetitionEvent> PetitionEvents => Set<PetitionEvent>();
    public DbSet<ImportRun> ImportRuns => Set<ImportRun>();
    public DbSet<SurveyAnswer> SurveyAnswers => Set<SurveyAnswer>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<Attachment> Attachments => Set<Attachment>();
    public DbSet<AppointmentOffer> AppointmentOffers => Set<AppointmentOffer>();
    public DbSet<Appointment> Appointments => Set<Appointment>();
    public DbSet<AppointmentSlot> AppointmentSlots => Set<AppointmentSlot>();
    public DbSet<OnlineRequest> OnlineRequests => Set<OnlineRequest>();
    public DbSet<OnlineRequestFile> OnlineRequestFiles => Set<OnlineRequestFile>();
    public DbSet<CitizenDelivery> CitizenDeliveries => Set<CitizenDelivery>();
    public DbSet<IssuedDocument> IssuedDocuments => Set<IssuedDocument>();
    public DbSet<SigningCertificate> SigningCertificates => Set<SigningCertificate>();
    public DbSet<StaffNotification> StaffNotifications => Set<StaffNotification>();
    public DbSet<EscalationSent> EscalationsSent => Set<EscalationSent>();
    public DbSet<PersonalDataRead> PersonalDataReads => Set<PersonalDataRead>();
    public DbSet<PrivacyNoticeVersion> PrivacyNoticeVersions => Set<PrivacyNoticeVersion>();
    public DbSet<ArchiveSeries> ArchiveSeries => Set<ArchiveSeries>();
    public DbSet<RetentionRun> RetentionRuns => Set<RetentionRun>();
    public DbSet<SettingChange> SettingChanges => Set<SettingChange>();
    public DbSet<PersonalDataChange> PersonalDataChanges => Set<PersonalDataChange>();
    public DbSet<CustomerAccount> CustomerAccounts => Set<CustomerAccount>();
    public DbSet<PadronImport> PadronImports => Set<PadronImport>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<WebhookSubscription> WebhookSubscriptions => Set<WebhookSubscription>();
    public DbSet<WebhookDelivery> WebhookDeliveries => Set<WebhookDelivery>();

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Instants are stored as UTC and must come back as UTC (SQLite keeps no kind).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // Every versioned entity uses its Version as the optimistic concurrency token.
        foreach (var entityType in builder.Model.GetEntityTypes()
                     .Where(t => typeof(IVersioned).IsAssignableFrom(t.ClrType)))
        {
            builder.Entity(entityType.ClrType).Property(nameof(IVersioned.Version)).IsConcurrencyToken();
        }

        HideWhileImporting<Petition>(builder);
        HideWhileImporting<Routing>(builder);
        HideWhileImporting<PetitionPause>(builder);
        HideWhileImporting<Customer>(builder);
    }

    /// <summary>The name of the filter that hides an import still being written (see <see cref="ReadSnapshot"/>).</summary>
    public const string ImportFilter = "HiddenWhileImporting";

    /// <summary>
    /// Rows of an import still being written (or rolled back) are invisible to every query, so nobody sees, counts
    /// or acts on half an import. Almost always no import is pending: the first test («no run is pending») does not
    /// depend on the row, so both engines work it out once per query and every row passes at once; only while an
    /// import is written does each imported row pay its primary-key look-up. (With the look-up alone, a count of a
    /// city's 50,000 open petitions took 74 ms on SQLite instead of 9.)
    /// </summary>
    private void HideWhileImporting<T>(ModelBuilder builder) where T : class, IStagedByImport
    {
        Expression<Func<T, bool>> visible = row => !ImportRuns.Any(r => r.IsPending)
            || row.ImportRunId == null || !ImportRuns.Any(r => r.Id == row.ImportRunId && r.IsPending);
        builder.Entity<T>().HasQueryFilter(ImportFilter, visible);
    }
}
