using Vty.TestSupport;

namespace Vty.Cli.Tests;

/// <summary>
/// The output folder of <c>vty run -O</c> holds running configurations: the built CLI started
/// under <c>umask 000</c> still creates it 0700 and its files 0600.
/// </summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OutputFileModeTests
{
    private const UnixFileMode Folder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
    private const UnixFileMode File600 = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static string Vty => Path.Combine(AppContext.BaseDirectory, "Vty.Cli");

    [Fact]
    public async Task Results_and_transcripts_are_private_under_umask_000()
    {
        string dir = CliRunner.TempDir();
        try
        {
            string output = Path.Combine(dir, "out", "run1");
            // A results file left world-readable by an earlier run is tightened too.
            Directory.CreateDirectory(Path.Combine(dir, "old"));
            string stale = Path.Combine(dir, "old", "results.jsonl");
            await File.WriteAllTextAsync(stale, "");
            File.SetUnixFileMode(stale, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

            var (exit, stdout, stderr, _) = await ManagedProcess.RunCapturedAsync("/bin/sh",
                ["-c", "umask 000; \"$0\" run dummy://lab:lab@r1?profile=ios -c 'show clock' -O \"$1\" && \"$0\" run dummy://lab:lab@r2?profile=ios -c 'show clock' -O \"$2\"",
                 Vty, output, Path.Combine(dir, "old")],
                environment: null, TimeSpan.FromMinutes(2));

            Assert.True(exit == 0, stdout + stderr);
            Assert.Equal(Folder, File.GetUnixFileMode(output));
            Assert.Equal(Folder, File.GetUnixFileMode(Path.Combine(output, "transcripts")));
            Assert.Equal(File600, File.GetUnixFileMode(Path.Combine(output, "results.jsonl")));
            string transcript = Assert.Single(Directory.GetFiles(Path.Combine(output, "transcripts")));
            Assert.Contains("show clock", await File.ReadAllTextAsync(transcript));
            Assert.Equal(File600, File.GetUnixFileMode(transcript));
            Assert.Equal(File600, File.GetUnixFileMode(stale));
            Assert.Equal(File600, File.GetUnixFileMode(Assert.Single(Directory.GetFiles(Path.Combine(dir, "old", "transcripts")))));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}
