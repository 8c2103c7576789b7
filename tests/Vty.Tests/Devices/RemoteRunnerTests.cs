using Vty.Devices.Exec;

namespace Vty.Tests.Devices;

public sealed class RemoteRunnerTests
{
    private static readonly TimeSpan TestTimeout = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task RunReturnsExitCodeStdoutAndStderr()
    {
        var executor = new FakeExecutor(async (cmd, p) =>
        {
            await p.WriteOutAsync("total 0\nfile1\n");
            await p.WriteErrAsync("ls: warning\n");
            return 0;
        });
        await using var runner = new RemoteRunner(executor);

        RunResult result = await runner.RunAsync("ls -l").WaitAsync(TestTimeout);

        Assert.Equal(0, result.ExitCode);
        Assert.Equal("total 0\nfile1\n", result.Stdout);
        Assert.Equal("ls: warning\n", result.Stderr);
        Assert.Equal("ls -l", Assert.Single(executor.Started));
    }

    [Fact]
    public async Task ANonZeroExitThrowsWithTheStderrLineUnlessUnchecked()
    {
        var executor = new FakeExecutor(async (cmd, p) =>
        {
            await p.WriteErrAsync("ls: cannot access '/nope': No such file or directory\n");
            return 2;
        });
        await using var runner = new RemoteRunner(executor);

        RunFailedException error = await Assert.ThrowsAsync<RunFailedException>(() => runner.RunAsync("ls /nope").WaitAsync(TestTimeout));
        RunResult unchecked_ = await runner.RunAsync("ls /nope", new RunOptions { Check = false }).WaitAsync(TestTimeout);

        Assert.Contains("exit status 2", error.Message);
        Assert.Contains("No such file or directory", error.Message);
        Assert.Equal(2, error.Result.ExitCode);
        Assert.Equal(2, unchecked_.ExitCode);
    }

    [Fact]
    public async Task SudoAnswersItsPromptOnceAndHidesIt()
    {
        string? received = null;
        var executor = new FakeExecutor(async (cmd, p) =>
        {
            string prompt = cmd.Split('\'')[1];
            await p.WriteErrAsync(prompt);
            received = await p.ReadLineAsync();
            await p.WriteOutAsync("root\n");
            return 0;
        });
        await using var runner = new RemoteRunner(executor);

        RunResult result = await runner.SudoAsync("whoami", "s3cret").WaitAsync(TestTimeout);

        Assert.Equal("s3cret", received);
        Assert.Equal("root\n", result.Stdout);
        Assert.Equal("", result.Stderr);
        Assert.StartsWith("sudo -S -p ", executor.Started[0]);
        Assert.EndsWith("-- sh -c 'whoami'", executor.Started[0]);
    }

    [Fact]
    public async Task SudoWithAWrongPasswordFailsWithoutShowingIt()
    {
        var executor = new FakeExecutor(async (cmd, p) =>
        {
            string prompt = cmd.Split('\'')[1];
            await p.WriteErrAsync(prompt);
            await p.ReadLineAsync();
            await p.WriteErrAsync("Sorry, try again.\n" + prompt);
            await p.ReadLineAsync(); // EOF: the runner closed stdin
            await p.WriteErrAsync("sudo: 1 incorrect password attempt\n");
            return 1;
        });
        await using var runner = new RemoteRunner(executor);

        RunFailedException error = await Assert.ThrowsAsync<RunFailedException>(() => runner.SudoAsync("id", "wrong-pw").WaitAsync(TestTimeout));

        Assert.Contains("sudo refused the password", error.Message);
        Assert.DoesNotContain("wrong-pw", error.Message);
        Assert.DoesNotContain("wrong-pw", error.Result.Stderr);
    }

    [Fact]
    public async Task SudoWithoutAPromptNeverSendsThePassword()
    {
        string? stdin = "unset";
        var executor = new FakeExecutor(async (cmd, p) =>
        {
            await p.WriteOutAsync("uid=0(root)\n");
            stdin = await p.ReadLineAsync();
            return 0;
        });
        await using var runner = new RemoteRunner(executor);

        RunResult result = await runner.SudoAsync("id", "pw").WaitAsync(TestTimeout);

        Assert.Null(stdin);
        Assert.Equal("uid=0(root)\n", result.Stdout);
    }

    [Fact]
    public async Task ACommandPastItsTimeoutFailsWithATimeout()
    {
        var executor = new FakeExecutor(async (cmd, p) => { await Task.Delay(Timeout.Infinite); return 0; });
        await using var runner = new RemoteRunner(executor);

        TimeoutException error = await Assert.ThrowsAsync<TimeoutException>(
            () => runner.RunAsync("sleep 100", new RunOptions { Timeout = TimeSpan.FromMilliseconds(200) }).WaitAsync(TestTimeout));

        Assert.Contains("sleep 100", error.Message);
    }

    [Fact]
    public async Task OutputBeyondTheLimitFailsInsteadOfFillingMemory()
    {
        var executor = new FakeExecutor(async (cmd, p) => { await p.WriteOutAsync(new string('x', 5000)); return 0; });
        await using var runner = new RemoteRunner(executor);

        IOException error = await Assert.ThrowsAsync<IOException>(
            () => runner.RunAsync("cat big", new RunOptions { MaxOutputBytes = 1000 }).WaitAsync(TestTimeout));

        Assert.Contains("stdout exceeded 1000 bytes", error.Message);
    }

    [Fact]
    public void ShellQuoteSurvivesSingleQuotes()
    {
        Assert.Equal("'it'\\''s'", RemoteRunner.ShellQuote("it's"));
    }
}
