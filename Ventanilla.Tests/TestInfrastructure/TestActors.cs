using Ventanilla.Features.Admin;
using Ventanilla.Features.Accounts;
using Ventanilla.Features.Maintenance;
using Ventanilla.Features.Shared;

namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>Who acts in a test that is not about who acts: an administrator known by name only, as the history records it.</summary>
public static class TestActors
{
    public static Actor Named(string name) => Actor.WithEveryRole(name);
}
