using System.Text.Json.Nodes;

namespace Vty.Lab.Tests.Interop;

/// <summary>
/// Real Netmiko (Debian's python3-netmiko over paramiko or telnetlib) against lab devices served
/// over our SSH and Telnet servers: a third-party client must log in, run commands and change the
/// configuration exactly as it does on the real OS.
/// </summary>
public sealed class NetmikoInteropTests(NetmikoBatch batch) : IClassFixture<NetmikoBatch>
{
    public static TheoryData<NetmikoCase> Cases => [.. NetmikoCases.All];

    [Theory]
    [MemberData(nameof(Cases))]
    public void Netmiko_logs_in_runs_a_command_and_changes_the_configuration(NetmikoCase c)
    {
        JsonObject r = batch.Result(c.Name);
        Assert.True(r["ok"]!.GetValue<bool>(), $"{c.Name} ({c.DeviceType}) failed:\n{Text(r, "error")}");
        string host = batch.Hostnames[c.Name];
        Assert.Contains(host, Text(r, "prompt"));
        if (c.Enable)
            Assert.EndsWith("#", Text(r, "enabled_prompt"));
        Assert.Contains(c.ShowExpect, Text(r, "show"));
        Assert.DoesNotContain(host + "#", Text(r, "show"));
        Assert.Contains(c.Marker, Text(r, "verify"));
        if (c.Commit)
            Assert.DoesNotContain("error", Text(r, "commit"), StringComparison.OrdinalIgnoreCase);
    }

    private static string Text(JsonObject r, string key) => r[key]?.GetValue<string>() ?? "";
}
