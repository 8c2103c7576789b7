using System.Runtime.CompilerServices;

namespace Vty.Tests.Text;

/// <summary>Finds the test data next to this source folder (copied into the repository).</summary>
internal static class FixturePaths
{
    public static string TestsRoot { get; } = Path.GetDirectoryName(Path.GetDirectoryName(ThisFile())!)!;

    public static string Oxidized => Path.Combine(TestsRoot, "Text", "Fixtures", "oxidized");

    public static string OxidizedPrompts => Path.Combine(TestsRoot, "Drivers", "Fixtures", "oxidized");

    public static string ExscriptBanners => Path.Combine(TestsRoot, "Drivers", "Fixtures", "exscript", "banners");

    public static string ExscriptExtracted => Path.Combine(TestsRoot, "Drivers", "Fixtures", "exscript", "extracted");

    private static string ThisFile([CallerFilePath] string path = "") => path;
}
