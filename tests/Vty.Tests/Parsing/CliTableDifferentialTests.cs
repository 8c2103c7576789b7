using System.Text.Json.Nodes;
using Vty.Parsing;
using Vty.TestSupport;

namespace Vty.Tests.Parsing;

/// <summary>
/// CliTable against the reference CliTable: index rows chosen by Platform and Command (regexes
/// matched at the start, <c>[[ ]]</c> completion, first row wins), several templates joined on
/// their Key values or row by row, and no row at all.
/// </summary>
public sealed class CliTableDifferentialTests
{
    private const string Index = """
        # a comment line
        Template, Hostname, Platform, Command

        acme_show_ports_detail.textfsm, .*, acme, sh[[ow]] po[[rts]] det[[ail]]
        acme_show_ports.textfsm:acme_show_ports_speed.textfsm, .*, acme, sh[[ow]] po[[rts]]
        acme_show_ports_rows.textfsm:acme_show_ports_detail.textfsm, .*, acme_rows, sh[[ow]] po[[rts]]
        acme_show_ports.textfsm, , , sh[[ow]] any[[thing]]
        a row with too few fields
        """;

    private const string Ports = """
        Value Key PORT (\S+)
        Value STATE (up|down)

        Start
          ^port ${PORT} is ${STATE} -> Record
        """;

    private const string Speed = """
        Value Key PORT (\S+)
        Value SPEED (\d+)

        Start
          ^speed ${PORT} ${SPEED} -> Record
        """;

    private const string Rows = """
        Value MTU (\d+)

        Start
          ^mtu ${MTU} -> Record
        """;

    private const string Detail = """
        Value PORT (\S+)

        Start
          ^detail ${PORT} -> Record
        """;

    private const string Output = "port p1 is up\nport p2 is down\nport p3 is up\nspeed p3 100\nspeed p1 10\nspeed p9 1\nmtu 1500\nmtu 9000\ndetail p1\n";

    [Fact]
    public async Task Index_selection_and_merged_templates_match_the_reference()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("index"), Index.Replace("\r\n", "\n") + "\n");
        File.WriteAllText(dir.File("acme_show_ports.textfsm"), Ports + "\n");
        File.WriteAllText(dir.File("acme_show_ports_speed.textfsm"), Speed + "\n");
        File.WriteAllText(dir.File("acme_show_ports_rows.textfsm"), Rows + "\n");
        File.WriteAllText(dir.File("acme_show_ports_detail.textfsm"), Detail + "\n");
        var table = new CliTable(dir.Path);

        (string Platform, string Command)[] lookups =
        [
            ("acme", "show ports"),
            ("acme", "sh po"),
            ("acme", "show ports detail"),
            ("acme", "sho port det"),
            ("acme_rows", "show ports"),
            ("acme_lab", "show ports"),   // Platform is matched at the start: "acme" matches "acme_lab"
            ("other", "show anything"),   // empty Platform column matches any platform
            ("acme", "show version"),     // no row
            ("other", "show ports"),      // no row
        ];

        var cases = lookups.Select(l => new JsonObject
        {
            ["index"] = "index",
            ["folder"] = dir.Path,
            ["attributes"] = new JsonObject { ["Command"] = l.Command, ["Platform"] = l.Platform },
            ["input"] = Output,
        }).ToList();
        IReadOnlyList<JsonObject> reference = await ReferenceTextFsm.RunAsync(cases);

        var failures = new List<string>();
        int matched = 0;
        for (int i = 0; i < lookups.Length; i++)
        {
            (string platform, string command) = lookups[i];
            JsonObject actual;
            try
            {
                actual = TextFsmCase.TableJson(table.Parse(Output, platform, command));
                matched++;
            }
            catch (NoTemplateException e)
            {
                Assert.Equal(platform, e.Platform);
                actual = new JsonObject { ["noTemplate"] = true };
            }

            bool referenceHasNone = reference[i].ContainsKey("noTemplate");
            if (referenceHasNone || actual.ContainsKey("noTemplate"))
            {
                if (referenceHasNone != actual.ContainsKey("noTemplate"))
                    failures.Add($"{platform} '{command}': reference {ReferenceTextFsm.Canonical(reference[i])}, Vty {ReferenceTextFsm.Canonical(actual)}");
                continue;
            }

            string want = ReferenceTextFsm.Canonical(reference[i]);
            string got = ReferenceTextFsm.Canonical(actual);
            if (want != got)
                failures.Add($"{platform} '{command}':\n  reference {want}\n  vty       {got}");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        Assert.Equal(7, matched);

        // Joined on Key PORT: p3's speed lands on p3, p2 has none, p9 (not in the first table) is dropped.
        TextFsmTable merged = table.Parse(Output, "acme", "show ports");
        Assert.Equal(["PORT", "STATE", "SPEED"], merged.Header);
        Assert.Equal(["10", "", "100"], merged.Rows.Select(r => (string)r[2]));
    }

    [Fact]
    public void A_folder_without_an_index_or_a_missing_template_is_a_clear_error()
    {
        using var dir = new TempDirectory();
        var noIndex = Assert.Throws<TemplateIndexException>(() => new CliTable(dir.Path));
        Assert.Contains("has no 'index' file", noIndex.Message, StringComparison.Ordinal);

        File.WriteAllText(dir.File("index"), "Template, Platform, Command\nmissing.textfsm, acme, show x\n");
        var missing = Assert.Throws<TemplateIndexException>(() => new CliTable(dir.Path).Parse("x", "acme", "show x"));
        Assert.Contains("'missing.textfsm'", missing.Message, StringComparison.Ordinal);

        File.WriteAllText(dir.File("index"), "Platform, Command\nacme, show x\n");
        var noTemplateColumn = Assert.Throws<TemplateIndexException>(() => new CliTable(dir.Path).FindTemplates("acme", "show x"));
        Assert.Contains("'Template' column", noTemplateColumn.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_path_prefers_the_given_folder_then_net_textfsm_and_falls_back_from_cisco_xe_to_cisco_ios()
    {
        using var dir = new TempDirectory();
        File.WriteAllText(dir.File("index"), "Template, Hostname, Platform, Command\nmine.textfsm, .*, cisco_ios, sh[[ow]] ver[[sion]]\n");
        File.WriteAllText(dir.File("mine.textfsm"), "Value MINE (.+)\n\nStart\n  ^${MINE} -> Record\n");

        TemplateLibrary library = TemplateLibrary.Create(dir.Path);
        Assert.Equal(dir.Path, library.Tables[0].Folder);
        Assert.Equal("built-in", library.Tables[^1].Folder);
        Assert.Equal(["MINE"], library.Parse("anything", "cisco_ios", "show version").Header);
        // Not in the given folder: the built-in set answers.
        Assert.Equal("INTERFACE", library.Parse("", "cisco_ios", "show ip interface brief").Header[0]);
        // cisco_xe has no "show inventory" row: the cisco_ios one is used, as Netmiko retries.
        Assert.Equal("NAME", library.Parse("", "cisco_xe", "show inventory").Header[0]);
        Assert.Throws<NoTemplateException>(() => library.Parse("", "cisco_xe", "show clock"));
    }
}
