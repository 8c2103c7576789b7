using System.Runtime.CompilerServices;

namespace Vty.Examples;

/// <summary>The core knows no dummy://; this program uses the lab's, so it registers it before anything runs.</summary>
internal static class LabSchemeRegistration
{
    [ModuleInitializer]
    internal static void Register() => Lab.LabSchemes.Register();
}
