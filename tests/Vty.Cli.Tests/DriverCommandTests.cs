namespace Vty.Cli.Tests;

public sealed class DriverCommandTests
{
    // The Exscript banner fixtures (copied with the drivers' tests); the name before the first dot is the OS.
    private static readonly string Banners = Path.GetFullPath(Path.Combine(
        AppContext.BaseDirectory, "..", "..", "..", "..", "Vty.Tests", "Drivers", "Fixtures", "exscript", "banners"));

    [Theory]
    [InlineData("ios.1", "ios")]
    [InlineData("junos.1", "junos")]
    [InlineData("vrp.1", "vrp")]
    public async Task Guess_prints_the_driver_name_alone_on_the_last_line(string file, string expected)
    {
        CliRunner.Outcome guess = await CliRunner.RunAsync("driver", "guess", Path.Combine(Banners, file));

        Assert.Equal(0, guess.ExitCode);
        Assert.Equal(expected, guess.Stdout.TrimEnd().Split('\n')[^1].Trim());
    }

    [Fact]
    public async Task List_shows_built_in_and_user_drivers_and_a_bad_user_file_is_a_clear_error()
    {
        string dir = CliRunner.TempDir();
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "acme.yaml"), """
                name: acmeos
                description: ACME switch OS
                prompts:
                  any:
                    - '^[\w.-]+[>#] ?$'
                """);

            CliRunner.Outcome list = await CliRunner.RunAsync("driver", "list", "--drivers", dir);
            Assert.Equal(0, list.ExitCode);
            foreach (string name in new[] { "ios", "junos", "eos", "shell", "acmeos" })
                Assert.Contains(name, list.Stdout);

            await File.WriteAllTextAsync(Path.Combine(dir, "broken.yaml"), "name: broken\nprompts:\n  any:\n    - '[unclosed'\n");
            CliRunner.Outcome bad = await CliRunner.RunAsync("driver", "list", "--drivers", dir);
            Assert.Equal(2, bad.ExitCode);
            Assert.Contains("broken", bad.Stderr);
            Assert.Contains("hint:", bad.Stderr);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
