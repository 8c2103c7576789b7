using System.CommandLine;

namespace Vty.Cli.Commands.History;

/// <summary>The <c>--repo DIR</c> option shared by the configuration-history commands.</summary>
internal static class RepoOption
{
    public const string EnvironmentVariable = "VTY_CONFIG_REPO";

    public static Option<string?> Create(string description) => new("--repo", "-r")
    {
        Description = $"{description} (default: ${EnvironmentVariable}).",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable(EnvironmentVariable),
    };

    public static string Require(ParseResult parse, Option<string?> option) =>
        parse.GetValue(option) is { Length: > 0 } repo
            ? repo
            : throw new Output.UsageException("no configuration repository given", $"pass --repo DIR or set {EnvironmentVariable}");
}
