namespace Vty.Tests.Support;

internal static class FixturePaths
{
    public static string Exscript(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", "exscript", name);
}
