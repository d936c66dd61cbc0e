using Ventanilla.Tests.Features.Admin;
using Ventanilla.Tests.Features.Citizen;
using Ventanilla.Tests.Features.Deadlines;
using Ventanilla.Tests.Features.Expediente;
using Ventanilla.Tests.Features.Import;
using Ventanilla.Tests.Features.Indicators;
using Ventanilla.Tests.Features.Petitions;
using Ventanilla.Tests.Features.Reception;

namespace Ventanilla.Tests.Postgres;

// The data and concurrency tests of the services, run again unchanged on the test PostgreSQL server: the provider
// is a setting, so the same rules must hold on both engines.

public sealed class QueueServiceTestsOnPostgres : QueueServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class QueueRulesTestsOnPostgres : QueueRulesTests
{
    protected override bool OnPostgres => true;
}

public sealed class QueueBoardsTestsOnPostgres : QueueBoardsTests
{
    protected override bool OnPostgres => true;
}

public sealed class PetitionServiceTestsOnPostgres : PetitionServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class PetitionLifecycleTestsOnPostgres : PetitionLifecycleTests
{
    protected override bool OnPostgres => true;
}

public sealed class PetitionQueryTestsOnPostgres : PetitionQueryTests
{
    protected override bool OnPostgres => true;
}

public sealed class PetitionBoardTestsOnPostgres : PetitionBoardTests
{
    protected override bool OnPostgres => true;
}

public sealed class CustomerServiceTestsOnPostgres : CustomerServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class VisitRegisterServiceTestsOnPostgres : VisitRegisterServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class OfficesTestsOnPostgres : OfficesTests
{
    protected override bool OnPostgres => true;
}

public sealed class SettingsServiceTestsOnPostgres : SettingsServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class FolioLookupTestsOnPostgres : FolioLookupTests
{
    protected override bool OnPostgres => true;
}

public sealed class SurveyServiceTestsOnPostgres : SurveyServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class TurnTrackerTestsOnPostgres : TurnTrackerTests
{
    protected override bool OnPostgres => true;
}

public sealed class CalendarServiceTestsOnPostgres : CalendarServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class FollowUpWallBoardTestsOnPostgres : FollowUpWallBoardTests
{
    protected override bool OnPostgres => true;
}

public sealed class LightAgreementTestsOnPostgres : LightAgreementTests
{
    protected override bool OnPostgres => true;
}

public sealed class AttachmentServiceTestsOnPostgres : AttachmentServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class IndicatorServiceTestsOnPostgres : IndicatorServiceTests
{
    protected override bool OnPostgres => true;
}

public sealed class SurveyIndicatorsTestsOnPostgres : SurveyIndicatorsTests
{
    protected override bool OnPostgres => true;
}

public sealed class LegacyImportTestsOnPostgres : LegacyImportTests
{
    protected override bool OnPostgres => true;
}

public sealed class OpenCountsAgreeTestsOnPostgres : OpenCountsAgreeTests
{
    protected override bool OnPostgres => true;
}

public sealed class ReceivedDateTestsOnPostgres : ReceivedDateTests
{
    protected override bool OnPostgres => true;
}

public sealed class AppointmentBookingTestsOnPostgres : Ventanilla.Tests.Features.Appointments.AppointmentBookingTests
{
    protected override bool OnPostgres => true;
}

public sealed class AppointmentCheckInTestsOnPostgres : Ventanilla.Tests.Features.Appointments.AppointmentCheckInTests
{
    protected override bool OnPostgres => true;
}

public sealed class AppointmentIndicatorsTestsOnPostgres : Ventanilla.Tests.Features.Indicators.AppointmentIndicatorsTests
{
    protected override bool OnPostgres => true;
}

public sealed class OnlineIntakeTestsOnPostgres : Ventanilla.Tests.Features.Intake.OnlineIntakeTests
{
    protected override bool OnPostgres => true;
}

public sealed class CitizenDeliveriesTestsOnPostgres : Ventanilla.Tests.Features.Intake.CitizenDeliveriesTests
{
    protected override bool OnPostgres => true;
}

public sealed class SignedResponseTestsOnPostgres : Ventanilla.Tests.Features.Documents.SignedResponseTests
{
    protected override bool OnPostgres => true;
}

public sealed class EscalationTestsOnPostgres : Ventanilla.Tests.Features.Deadlines.EscalationTests
{
    protected override bool OnPostgres => true;
}

public sealed class AccessLogTestsOnPostgres : Ventanilla.Tests.Features.Privacy.AccessLogTests
{
    protected override bool OnPostgres => true;
}

public sealed class PrivacyNoticesTestsOnPostgres : Ventanilla.Tests.Features.Privacy.PrivacyNoticesTests
{
    protected override bool OnPostgres => true;
}

public sealed class ArchiveTestsOnPostgres : Ventanilla.Tests.Features.Archive.ArchiveTests
{
    protected override bool OnPostgres => true;
}

public sealed class RetentionTestsOnPostgres : Ventanilla.Tests.Features.Privacy.RetentionTests
{
    protected override bool OnPostgres => true;
}

public sealed class ArcoTestsOnPostgres : Ventanilla.Tests.Features.Privacy.ArcoTests
{
    protected override bool OnPostgres => true;
}

public sealed class PadronTestsOnPostgres : Ventanilla.Tests.Features.Padron.PadronTests
{
    protected override bool OnPostgres => true;
}

public sealed class IntakePadronTestsOnPostgres : Ventanilla.Tests.Features.Intake.IntakePadronTests
{
    protected override bool OnPostgres => true;
}

public sealed class ApiTokensTestsOnPostgres : Ventanilla.Tests.Features.Api.ApiTokensTests
{
    protected override bool OnPostgres => true;
}

public sealed class WebhookTestsOnPostgres : Ventanilla.Tests.Features.Webhooks.WebhookTests
{
    protected override bool OnPostgres => true;
}

public sealed class DirectoryTestsOnPostgres : Ventanilla.Tests.Features.Accounts.DirectoryTests
{
    protected override bool OnPostgres => true;
}
