using System.Runtime.CompilerServices;

namespace Vty.Cli.Tests;

/// <summary>The core knows no dummy://; the tests add it as the CLI does, before any test runs.</summary>
internal static class LabSchemeRegistration
{
    [ModuleInitializer]
    internal static void Register() => Lab.LabSchemes.Register();
}
