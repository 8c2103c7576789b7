using System.Text.Json;

namespace Vty.Cli.Tests;

/// <summary><c>vty parse</c> and <c>vty run --parse</c> against the in-memory lab and template files.</summary>
public sealed class ParseCommandTests
{
    private const string IosBrief =
        "Interface              IP-Address      OK? Method Status                Protocol\n" +
        "GigabitEthernet0/0     192.0.2.1       YES manual up                    up\n" +
        "GigabitEthernet0/1     unassigned      YES unset  administratively down down\n";

    [Fact]
    public async Task Parse_by_platform_and_command_prints_json_rows_with_netmiko_keys()
    {
        string dir = CliRunner.TempDir();
        string input = Path.Combine(dir, "brief.txt");
        File.WriteAllText(input, IosBrief);

        CliRunner.Outcome run = await CliRunner.RunAsync("parse", "--platform", "cisco_ios", "--command", "sh ip int brief", input);

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(2, json.RootElement.GetArrayLength());
        Assert.Equal("GigabitEthernet0/1", json.RootElement[1].GetProperty("interface").GetString());
        Assert.Equal("administratively down", json.RootElement[1].GetProperty("status").GetString());
    }

    [Fact]
    public async Task Parse_with_a_template_file_and_list_values()
    {
        string dir = CliRunner.TempDir();
        string template = Path.Combine(dir, "t.textfsm");
        File.WriteAllText(template, "Value NAME (\\S+)\nValue List TAGS (\\w+)\n\nStart\n  ^name -> Continue.Record\n  ^name ${NAME}\n  ^tag ${TAGS}\n");
        string input = Path.Combine(dir, "in.txt");
        File.WriteAllText(input, "name a\ntag x\ntag y\nname b\n");

        CliRunner.Outcome run = await CliRunner.RunAsync("parse", "--template", template, input);

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Stdout);
        Assert.Equal(["x", "y"], json.RootElement[0].GetProperty("tags").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("b", json.RootElement[1].GetProperty("name").GetString());
    }

    [Fact]
    public async Task A_malformed_template_names_file_and_line_and_exits_2()
    {
        string dir = CliRunner.TempDir();
        string template = Path.Combine(dir, "bad.textfsm");
        File.WriteAllText(template, "Value A (\\w+)\n\nStart\n  ^${A} -> Continue Other\n\nOther\n  ^x\n");
        string input = Path.Combine(dir, "in.txt");
        File.WriteAllText(input, "x\n");

        CliRunner.Outcome run = await CliRunner.RunAsync("parse", "--template", template, input);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains($"{template}, line 4", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_without_a_template_choice_is_a_usage_error()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("parse", "--platform", "cisco_ios");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--template FILE, or --platform NAME and --command TEXT", run.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_parse_adds_parsed_rows_and_says_when_there_is_no_template()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "--enable",
            "-c", "show ip interface brief", "-c", "show clock", "--parse", "--json");

        Assert.Equal(0, run.ExitCode);
        using JsonDocument json = JsonDocument.Parse(run.Stdout.Trim());
        JsonElement results = json.RootElement.GetProperty("results");
        JsonElement brief = results[0].GetProperty("parsed");
        Assert.Equal(7, brief.GetArrayLength());
        Assert.Equal("192.0.2.1", brief[0].GetProperty("ip_address").GetString());
        Assert.Contains("Interface", results[0].GetProperty("output").GetString(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Null, results[1].GetProperty("parsed").ValueKind);
        Assert.Contains("no TextFSM template for platform 'cisco_ios' and command 'show clock'", results[1].GetProperty("parseError").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Run_with_parse_prints_a_table_per_command_in_text_mode()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=junos", "-c", "show interfaces terse", "-c", "show system uptime", "--parse");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("admin_state", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("10.255.0.1/32", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("not parsed: no TextFSM template for platform 'juniper_junos'", run.Stdout.Replace("\n", " "), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Templates_without_parse_is_a_usage_error()
    {
        CliRunner.Outcome run = await CliRunner.RunAsync("run", "dummy://lab:lab@r1?profile=ios", "-c", "show clock", "--templates", "/nonexistent");
        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--templates needs --parse", run.Stderr, StringComparison.Ordinal);
    }
}
