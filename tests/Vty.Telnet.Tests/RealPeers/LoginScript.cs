using Vty.Telnet.Tests.Infrastructure;
using Vty.TestSupport.Telnet;

namespace Vty.Telnet.Tests.RealPeers;

/// <summary>Logs in through /bin/login as the test user and runs shell commands.</summary>
internal static class LoginScript
{
    public static async Task<TextWaiter> LoginAsync(TelnetClient client, string lineEnd = "\r\n")
    {
        var waiter = new TextWaiter(client);
        await waiter.ReadUntilAsync("login: ");
        await client.WriteTextAsync(TelnetdFixture.User + lineEnd, Timeouts.Token());
        await waiter.ReadUntilAsync("assword: ");
        await client.WriteTextAsync(TelnetdFixture.Password + lineEnd, Timeouts.Token());

        // Typed-ahead input can be flushed while login sets up the terminal: wait for the shell.
        await waiter.ReadUntilAsync("$ ");

        // A fixed prompt makes the shell's output easy to delimit whatever the login prints.
        await client.WriteTextAsync("PS1='vty-''prompt> '" + lineEnd, Timeouts.Token());
        await waiter.ReadUntilAsync("vty-prompt> ");
        return waiter;
    }

    /// <summary>Runs <paramref name="command"/> and returns what was printed up to the next prompt.</summary>
    public static async Task<string> RunAsync(TelnetClient client, TextWaiter waiter, string command, string lineEnd = "\r\n")
    {
        await client.WriteTextAsync(command + lineEnd, Timeouts.Token());
        return await waiter.ReadUntilAsync("vty-prompt> ");
    }
}
