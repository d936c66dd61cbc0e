using System.Globalization;
using System.Runtime.CompilerServices;

namespace Ventanilla.Tests.TestInfrastructure;

internal static class CultureSetup
{
    /// <summary>Every test runs in es-MX, as the office does.</summary>
    [ModuleInitializer]
    internal static void PinCulture()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.GetCultureInfo("es-MX");
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.GetCultureInfo("es-MX");
        CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("es-MX");
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("es-MX");
    }
}
