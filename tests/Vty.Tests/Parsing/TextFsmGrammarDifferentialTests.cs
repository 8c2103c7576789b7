using System.Text.Json.Nodes;
using Vty.TestSupport;

namespace Vty.Tests.Parsing;

/// <summary>
/// Every TextFSM grammar feature, each in a small template written for the test, parsed by Vty
/// and by the reference (python3-textfsm): rows, columns, order and lists must be identical.
/// </summary>
public sealed class TextFsmGrammarDifferentialTests
{
    private static readonly TextFsmCase[] Cases =
    [
        new("record per line", """
            Value NAME (\S+)
            Value STATUS (up|down)

            Start
              ^${NAME}\s+is\s+${STATUS} -> Record
            """, "eth0 is up\neth1 is down\njunk\neth2 is up\n"),

        new("filldown with clearall", """
            Value Filldown CHASSIS (\S+)
            Value SLOT (\d+)
            Value MODEL (\S+)

            Start
              ^Chassis ${CHASSIS}
              ^\s+slot ${SLOT} ${MODEL} -> Record
              ^-- -> Clearall
            """, "Chassis A\n  slot 1 X1\n  slot 2 X2\n--\n  slot 3 X3\nChassis B\n  slot 4 X4\n"),

        new("clear keeps filldown", """
            Value Filldown VRF (\S+)
            Value ROUTE (\S+)
            Value HOP (\S+)

            Start
              ^VRF ${VRF}
              ^${ROUTE} via ${HOP} -> Record
              ^${ROUTE} dropped -> Clear
            """, "VRF red\n10.0.0.0/8 via 1.1.1.1\n10.1.0.0/16 dropped\n10.2.0.0/16 via 2.2.2.2\nVRF blue\n10.3.0.0/16 via 3.3.3.3\n"),

        new("fillup", """
            Value Fillup GROUP (\S+)
            Value MEMBER (\S+)

            Start
              ^member ${MEMBER} -> Record
              ^group ${GROUP} -> Record
            """, "member a\nmember b\ngroup one\nmember c\ngroup two\n"),

        new("required drops incomplete records", """
            Value Required IFACE (\S+)
            Value DESC (.*)

            Start
              ^interface ${IFACE}
              ^ description ${DESC}
              ^! -> Record
            """, "interface Gi1\n description uplink\n!\n description orphan\n!\ninterface Gi2\n!\n"),

        new("list of strings", """
            Value VLAN (\d+)
            Value List PORTS (\S+)

            Start
              ^vlan ${VLAN} -> Continue.Record
              ^\s+port ${PORTS}
            """, "vlan 10\n  port Gi1\n  port Gi2\nvlan 20\nvlan 30\n  port Gi9\n"),

        new("list with nested named groups", """
            Value NAME (\S+)
            Value List NEIGHBOURS ((?P<peer>\d+\.\d+\.\d+\.\d+)\s+as\s+(?P<asn>\d+)(\s+(?P<state>\w+))?)

            Start
              ^router ${NAME} -> Continue.Record
              ^\s+neighbor ${NEIGHBOURS}
            """, "router r1\n  neighbor 10.0.0.1 as 65001 Established\n  neighbor 10.0.0.2 as 65002\nrouter r2\n  neighbor 10.0.0.9 as 65009 Idle\n"),

        new("list with unnamed nested groups stays strings", """
            Value List ITEMS ((\w+)-(\d+))

            Start
              ^item ${ITEMS}
            """, "item ab-1\nitem cd-2\n"),

        new("filldown list keeps items across records", """
            Value Filldown,List TAGS (\w+)
            Value ID (\d+)

            Start
              ^tag ${TAGS}
              ^id ${ID} -> Record
            """, "tag a\nid 1\ntag b\nid 2\n"),

        new("required before list sees the string", """
            Value Required,List A (\w+)
            Value B (\d+)

            Start
              ^a ${A}
              ^b ${B} -> Record
            """, "a x\nb 1\nb 2\na y\na z\nb 3\n"),

        new("list before required sees the list", """
            Value List,Required A (\w+)
            Value B (\d+)

            Start
              ^a ${A}
              ^b ${B} -> Record
            """, "a x\nb 1\nb 2\na y\na z\nb 3\n"),

        new("continue chains", """
            Value A (\w+)
            Value B (\w+)
            Value C (\w+)

            Start
              ^${A} -> Continue
              ^\w+\s+${B} -> Continue
              ^\w+\s+\w+\s+${C} -> Continue.Record
              ^.* -> Next
              ^never -> Record
            """, "one two three\nfour five six\nseven\n"),

        new("state changes and End", """
            Value Required NAME (\S+)
            Value ADDR (\S+)

            Start
              ^Interfaces: -> Table

            Table
              ^${NAME}\s+${ADDR} -> Record
              ^Summary -> Footer

            Footer
              ^total -> End
            """, "banner\nInterfaces:\nGi1 1.1.1.1\nGi2 2.2.2.2\nSummary\nGi3 3.3.3.3\ntotal 2\nGi4 4.4.4.4\n"),

        new("implicit EOF record", """
            Value NAME (\S+)

            Start
              ^name ${NAME}
            """, "name a\nname b\n"),

        new("declared EOF state suppresses the last record", """
            Value NAME (\S+)

            Start
              ^name ${NAME}
              ^next -> Record

            EOF
            """, "name a\nnext\nname b\n"),

        new("transition to EOF records", """
            Value NAME (\S+)

            Start
              ^name ${NAME}
              ^stop -> EOF
            """, "name a\nstop\nname b\n"),

        new("End suppresses the last record", """
            Value NAME (\S+)

            Start
              ^name ${NAME}
              ^stop -> End
            """, "name a\nstop\nname b\n"),

        new("record ops without line op and state", """
            Value X (\d+)

            Start
              ^x ${X} -> Record Second

            Second
              ^x ${X} -> Next.Record Start
              ^reset -> Clearall
            """, "x 1\nx 2\nx 3\nreset\nx 4\n"),

        new("empty match counts, all-empty record does not", """
            Value A (\d*)
            Value B (\w*)

            Start
              ^a=${A};b=${B}; -> Record
              ^empty -> Record
            """, "a=;b=;\nempty\na=5;b=;\n"),

        new("group that does not take part assigns nothing", """
            Value A (\d+)
            Value B (\w+)

            Start
              ^first ${A} ${B}
              ^second (${A}|none) -> Record
            """, "first 1 x\nsecond none\nfirst 2 y\nsecond 3\n"),

        new("dollar forms", """
            Value NAME (\w+)
            Value COST (\d+)

            Start
              ^cost $COST for ${NAME}$$ -> Record
              ^price \$$$COST -> Record
            """, "cost 5 for apple\ncost 6 for pear trailing\nprice $7\n"),

        new("comments and blank-line layout", """
            # a comment before the values
            Value A (\w+)
            # between values
            Value B (\w+)

            # before the state
            Start
              # inside a state
              ^${A}=${B} -> Record
            	^tab-indented ${A} -> Record
             ^one-space ${B} -> Record
            """, "k=v\ntab-indented t\none-space s\n"),

        new("key option", """
            Value Key ID (\d+)
            Value NAME (\w+)

            Start
              ^${ID} ${NAME} -> Record
            """, "1 a\n2 b\n"),

        new("python regex dialect", """
            Value WORD (\w+)
            Value NUM (\d{1,3})
            Value REP (\w+)
            Value ANY (.+?)

            Start
              ^(?i:word) ${WORD} -> Record
              ^num[[:]\s*${NUM}\b -> Record
              ^rep (?P<x>\w+) (?P=x) ${REP} -> Record
              ^back (\w)(\w) \2\1 -> Record
              ^few a{,2}b -> Record
              ^any ${ANY}\s*\Z -> Record
              ^dot (?s:.)x -> Record
            """, "WORD héllo\nnum[ 12\nnum: 1234\nrep ab ab tail\nback xy yx\nfew aab\nfew aaab\nany thing   \ndot ?x\n"),

        new("python unicode classes", """
            Value W (\w+)
            Value S (\S+)

            Start
              ^w ${W} -> Record
              ^s\s${S} -> Record
            """, "w abc²def\nw x\u0301y\ns \u001ftab\ns \u00a0nbsp\n"),

        new("line breaks as python splits them", """
            Value A (\w+)

            Start
              ^a ${A} -> Record
            """, "a one\r\na two\ra three\va four\fa five\u2028a six\u001ca seven\n"),

        new("no values at all", """

            Start
              ^foo$ -> Next
            """, "foo\n"),

        new("literal shortcuts keep optional and alternative text optional", """
            Value L (\d+)

            Start
              ^ab?cd=${L} -> Record
              ^x{0,2}yz=${L} -> Record
              ^q*rst=${L} -> Record
              ^(?:foo)?bar=${L} -> Record
              ^uv|wx=${L} -> Record
              ^m\.n\x41=${L} -> Record
              ^k+lm{2}=${L} -> Record
              ^e{,1}f\{g=${L} -> Record
            """, "acd=1\nabcd=2\nyz=3\nxxyz=4\nrst=5\nqqrst=6\nbar=7\nfoobar=8\nuv\nwx=9\nm.nA=10\nkklmm=11\nf{g=12\nef{g=13\n"),

        new("error with message", """
            Value A (\w+)

            Start
              ^ok ${A} -> Record
              ^bad -> Error "bad line seen"
            """, "ok 1\nbad\nok 2\n"),

        new("error without message", """
            Value A (\w+)

            Start
              ^ok ${A} -> Record
              ^. -> Error
            """, "ok 1\n?\n"),

        new("error with record op", """
            Value A (\w+)

            Start
              ^ok ${A} -> Error.Record
            """, "ok 1\n"),
    ];

    [Fact]
    public async Task Every_grammar_feature_parses_exactly_as_the_reference()
    {
        using var dir = new TempDirectory();
        var jobs = Cases.Select((c, i) =>
        {
            string path = Path.Combine(dir.Path, $"case{i}.textfsm");
            File.WriteAllText(path, c.Template.Replace("\r\n", "\n") + "\n");
            return (c, path);
        }).ToList();

        IReadOnlyList<JsonObject> reference = await ReferenceTextFsm.RunAsync(jobs.Select(j => ReferenceTextFsm.Case(j.path, j.c.Input)).ToList());

        var failures = new List<string>();
        int rowsSeen = 0;
        for (int i = 0; i < jobs.Count; i++)
        {
            JsonObject expected = reference[i];
            JsonObject actual = TextFsmCase.VtyResult(jobs[i].path, jobs[i].c.Input);
            if (expected.ContainsKey("templateError"))
            {
                failures.Add($"{jobs[i].c.Name}: the reference refused the template: {expected["templateError"]}");
                continue;
            }

            if (expected.ContainsKey("parseError"))
            {
                if (!actual.ContainsKey("parseError"))
                    failures.Add($"{jobs[i].c.Name}: the reference raised {expected["parseError"]}, Vty gave {ReferenceTextFsm.Canonical(actual)}");
                else if (!expected["parseError"]!.GetValue<string>().Contains($"Rule Line: {actual["ruleLine"]}", StringComparison.Ordinal))
                    failures.Add($"{jobs[i].c.Name}: rule line differs: reference '{expected["parseError"]}', Vty '{actual["parseError"]}'");
                else if (actual["message"] is { } message && !expected["parseError"]!.GetValue<string>().Contains(message.GetValue<string>(), StringComparison.Ordinal))
                    failures.Add($"{jobs[i].c.Name}: message differs: reference '{expected["parseError"]}', Vty '{actual["parseError"]}'");
                continue;
            }

            string want = ReferenceTextFsm.Canonical(expected);
            string got = ReferenceTextFsm.Canonical(actual);
            if (want != got)
                failures.Add($"{jobs[i].c.Name}:\n  reference {want}\n  vty       {got}");
            rowsSeen += expected["rows"]!.AsArray().Count;
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The cases were written to produce data: a run where everything is empty proves nothing.
        Assert.True(rowsSeen > 60, $"only {rowsSeen} rows across all cases");
    }
}
