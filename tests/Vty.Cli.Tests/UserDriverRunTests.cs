using System.Text.Json;

namespace Vty.Cli.Tests;

/// <summary>User driver files (--drivers DIR) work in the commands that connect, and results say why a driver was chosen.</summary>
public sealed class UserDriverRunTests
{
    private const string Acme = """
        name: acmeos
        description: ACME OS (an IOS relative)
        extends: ios
        autoinit: [terminal length 0]
        """;

    [Fact]
    public async Task RunAndConfigUseADriverFromTheDriversFolder()
    {
        DirectoryInfo dir = Directory.CreateTempSubdirectory("vty-userdrivers-");
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir.FullName, "acmeos.yaml"), Acme);
            CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "--driver", "acmeos", "--drivers", dir.FullName, "--enable", "-c", "show privilege", "--json");
            Assert.Equal(0, run.ExitCode);
            JsonElement result = JsonDocument.Parse(run.Stdout.Trim()).RootElement;
            Assert.Equal("acmeos", result.GetProperty("driver").GetString());
            Assert.Contains("named", result.GetProperty("driverReason").GetString(), StringComparison.Ordinal);
            Assert.Contains("privilege level is 15", result.GetProperty("results")[0].GetProperty("output").GetString(), StringComparison.Ordinal);

            CliRunner.Outcome config = await CliRunner.RunAsync("config", "dummy://lab:lab@r1?profile=ios", "--driver", "acmeos", "--drivers", dir.FullName, "-c", "hostname acme1", "--json");
            Assert.Equal(0, config.ExitCode);
            Assert.Equal("acmeos", JsonDocument.Parse(config.Stdout.Trim()).RootElement.GetProperty("driver").GetString());

            // Without the folder the name is unknown: the host fails and says so.
            CliRunner.Outcome without = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "--driver", "acmeos", "-c", "show clock");
            Assert.NotEqual(0, without.ExitCode);
            Assert.Contains("acmeos", without.Stdout + without.Stderr, StringComparison.Ordinal);
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AGuessedDriverComesWithTheReason()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@x1?profile=iosxe", "-c", "show clock", "--json");
        Assert.Equal(0, run.ExitCode);
        JsonElement result = JsonDocument.Parse(run.Stdout.Trim()).RootElement;
        Assert.Equal("ios_xe", result.GetProperty("driver").GetString());
        Assert.Contains("show version", result.GetProperty("driverReason").GetString(), StringComparison.Ordinal);
    }
}
