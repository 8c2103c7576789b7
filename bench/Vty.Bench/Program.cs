namespace Vty.Bench;

/// <summary>
/// Entry point of the benchmark console: <c>dotnet run -c Release --project bench/Vty.Bench -- MODE [args]</c>.
/// Each part registers its modes in <see cref="BenchModes"/>.
/// </summary>
public static class Program
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Length == 0 || !BenchModes.All.TryGetValue(args[0], out var mode))
        {
            await Console.Error.WriteLineAsync($"usage: Vty.Bench MODE [args]; modes: {string.Join(", ", BenchModes.All.Keys)}");
            return 2;
        }
        return await mode(args[1..]);
    }
}
