using Ventanilla.Tests.Features.Petitions;
using Ventanilla.Tests.Features.Reception;

namespace Ventanilla.Tests.Postgres;

// The data and concurrency tests of the services, run again unchanged on the test PostgreSQL server: the provider
// is a setting, so the same rules must hold on both engines.

public sealed class QueueServiceTestsOnPostgres : QueueServiceTests
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
