using Vty.Devices.Exec;
using Vty.Ssh;
using Vty.TestSupport;
using Vty.TestSupport.Ssh;

namespace Vty.Tests.Devices;

/// <summary>
/// Fabric-style sudo against a real sshd and the real sudo. scripts/install-test-deps.sh lets the
/// test user run exactly <c>sh -c id</c> as root, with a password asked every time.
/// </summary>
public sealed class SudoOverOpenSshTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(60);

    private static async Task<RemoteRunner> ConnectAsync(OpenSshServer sshd, TempDirectory dir)
    {
        var options = new SshClientOptions
        {
            Host = sshd.Host,
            Port = sshd.Port,
            Username = SshTestUser.Name,
            Password = SshTestUser.Password,
            KnownHostsPath = Path.Combine(dir.Path, "known_hosts"),
        };
        using var cts = new CancellationTokenSource(TestTimeout);
        return new RemoteRunner(await SshRemoteExecutor.ConnectAsync(options, cts.Token));
    }

    [Fact]
    public async Task Sudo_answers_the_real_prompt_and_runs_as_root()
    {
        Assert.True(File.Exists("/etc/sudoers.d/vty-test"), "run scripts/install-test-deps.sh: the sudo rule for the test user is missing");
        await using OpenSshServer sshd = await OpenSshServer.StartAsync().WaitAsync(TestTimeout);
        using var dir = new TempDirectory();
        await using RemoteRunner runner = await ConnectAsync(sshd, dir);

        RunResult result = await runner.SudoAsync("id", SshTestUser.Password).WaitAsync(TestTimeout);

        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("uid=0(root)", result.Stdout.Trim());
        Assert.DoesNotContain(SshTestUser.Password, result.Stdout + result.Stderr);
    }

    [Fact]
    public async Task Sudo_with_a_wrong_password_fails_without_showing_it()
    {
        await using OpenSshServer sshd = await OpenSshServer.StartAsync().WaitAsync(TestTimeout);
        using var dir = new TempDirectory();
        await using RemoteRunner runner = await ConnectAsync(sshd, dir);

        RunFailedException error = await Assert.ThrowsAsync<RunFailedException>(
            () => runner.SudoAsync("id", "not-the-password").WaitAsync(TestTimeout));

        Assert.DoesNotContain("not-the-password", error.ToString());
    }
}
