using Vty.Drivers;

namespace Vty.Tests.Drivers;

/// <summary>The mode-graph driver format, the older keys mapped onto it, and path finding.</summary>
public sealed class ModeGraphTests
{
    private const string Graph = """
        name: acme
        modes:
          user:
            prompt: '^\w+> ?$'
            from: { privileged: disable }
          privileged:
            prompt: '^\w+# ?$'
            from:
              user:
                send: enable
                answer:
                  - { prompt: 'Token:\s*$', credential: enable_password }
                  - { prompt: '\[confirm\]\s*$', text: '' }
              config: end
          config:
            prompt: '^\w+\(cfg\)# ?$'
            from: { privileged: configure }
          lab_shell:
            kind: other
            prompt: ['^\$ $', '^sh-\d\.\d\$ $']
            from: { privileged: start shell }
          privileged_admin:
            kind: other
            prompt: '^\w+\(adm\)# ?$'
            from: { lab_shell: admin }
        """;

    [Fact]
    public void ReadsModesKindsStepsAndAnswers()
    {
        Driver d = DriverCatalog.Builtin.WithYaml(Graph, "acme.yaml").Get("acme");
        Assert.Equal(["user", "privileged", "config", "lab_shell", "privileged_admin"], d.Modes.Select(m => m.Name));
        Assert.Equal([ModeKind.User, ModeKind.Privileged, ModeKind.Config, ModeKind.Other, ModeKind.Other], d.Modes.Select(m => m.Kind));
        ModeTransition enable = Assert.Single(d.GetMode("privileged")!.Entries, t => t.From == "user");
        Assert.Equal("enable", enable.Send);
        Assert.Equal(ModeCredential.EnablePassword, enable.Answers[0].Credential);
        Assert.Null(enable.Answers[1].Credential);
        Assert.Equal("", enable.Answers[1].Text);
        Assert.True(enable.SendsCredential);
        Assert.Equal(PrivilegeModel.Enable, d.Privileges);
        // Older single commands are read back from the graph for code that still asks for them.
        Assert.Equal(("enable", "disable", "configure", "end"), (d.EnableCommand, d.DisableCommand, d.ConfigEnterCommand, d.ConfigExitCommand));
        // Without prompts.any, every mode's prompt is a command prompt.
        Assert.True(d.IsPrompt("sh-5.2$ "));
        Assert.Equal("lab_shell", d.FindMode("$ "));
        Assert.Equal("config", d.FindMode("r1(cfg)#"));
    }

    [Fact]
    public void FindsTheShortestPathAndNoneWhereThereIsNoWay()
    {
        Driver d = DriverCatalog.Builtin.WithYaml(Graph, "acme.yaml").Get("acme");
        Assert.Equal(["enable", "configure"], d.FindPath("user", "config")!.Select(t => t.Send));
        Assert.Equal(["enable", "start shell", "admin"], d.FindPath("user", "privileged_admin")!.Select(t => t.Send));
        Assert.Empty(d.FindPath("config", "config")!);
        Assert.Null(d.FindPath("privileged_admin", "user"));
    }

    [Fact]
    public void OlderKeysMapOntoTheGraph()
    {
        Driver ios = DriverCatalog.Builtin.Get("ios");
        Assert.Equal(PrivilegeModel.Enable, ios.Privileges);
        Assert.Equal(["enable"], ios.FindPath("user", "privileged")!.Select(t => t.Send));
        Assert.Equal(["enable", "configure terminal"], ios.FindPath("user", "config")!.Select(t => t.Send));
        Assert.Equal(["end"], ios.FindPath("config", "privileged")!.Select(t => t.Send));
        Assert.Equal(["disable"], ios.FindPath("privileged", "user")!.Select(t => t.Send));
        ModeTransition enable = ios.FindPath("user", "privileged")![0];
        Assert.Contains(enable.Answers, a => a.Credential == ModeCredential.EnablePassword && a.Prompt.IsMatch("Password: "));
        Assert.Contains(enable.Answers, a => a.Credential == ModeCredential.Username && a.Prompt.IsMatch("Username: "));

        // VRP: no enable, config straight from user view; privileges come with the account.
        Driver vrp = DriverCatalog.Builtin.Get("vrp");
        Assert.Equal(PrivilegeModel.Account, vrp.Privileges);
        Assert.Equal(["system-view"], vrp.FindPath("user", "config")!.Select(t => t.Send));
        Assert.Equal(["return"], vrp.FindPath("config", "user")!.Select(t => t.Send));
    }

    [Fact]
    public void AUserDriverWithOlderKeysStillLoadsAndExtendsAGraph()
    {
        const string yaml = """
            drivers:
              - name: old_style
                prompts:
                  any: ['^\w+[>#] ?$']
                  modes: { user: '^\w+> ?$', privileged: '^\w+# ?$' }
                enable: su
                config: { enter: conf, exit: end }
              - name: junos_lab
                extends: junos
                autoinit: []
            """;
        DriverCatalog catalog = DriverCatalog.Builtin.WithYaml(yaml, "mine.yaml");
        Driver old = catalog.Get("old_style");
        Assert.Equal(["su"], old.FindPath("user", "privileged")!.Select(t => t.Send));
        Driver derived = catalog.Get("junos_lab");
        Assert.Equal(["configure private"], derived.FindPath("operational", "config_private")!.Select(t => t.Send));
        Assert.Equal(PrivilegeModel.Account, derived.Privileges);
    }

    [Fact]
    public void BuiltInGraphsDescribeJunosPrivateAndExclusiveAndXrAdmin()
    {
        Driver junos = DriverCatalog.Builtin.Get("junos");
        Assert.Equal(["configure exclusive"], junos.FindPath("operational", "config_exclusive")!.Select(t => t.Send));
        Assert.Equal(["start shell"], junos.FindPath("operational", "shell")!.Select(t => t.Send));
        Assert.Equal(ModeKind.Config, junos.GetMode("config_private")!.Kind);
        Driver xr = DriverCatalog.Builtin.Get("ios_xr");
        Assert.Equal("admin", xr.FindMode("RP/0/RSP0/CPU0:pe1(admin)#"));
        Assert.Equal("admin", xr.FindMode("sysadmin-vm:0_RP0#"));
        Assert.Equal(["admin"], xr.FindPath("privileged", "admin")!.Select(t => t.Send));
        Assert.Equal(PrivilegeModel.Unknown, DriverCatalog.Builtin.Generic.Privileges);
    }

    [Theory]
    [InlineData("modes: { a: { prompt: 'x', from: { nowhere: go } } }", "modes.a.from.nowhere", "no mode named 'nowhere'")]
    [InlineData("modes: { a: { prompt: 'x', kind: boss } }", "modes.a.kind", "must be user, privileged, config or other")]
    [InlineData("modes: { a: { kind: user } }", "modes.a.prompt", "needs a prompt")]
    [InlineData("modes: { Bad: { prompt: 'x' } }", "modes.Bad", "lower-case")]
    [InlineData("modes: { a: { prompt: 'x' }, b: { prompt: 'y', from: { a: { send: go, answer: [ { prompt: 'p', credential: pin } ] } } } }", "modes.b.from.a.answer[0].credential", "username, password or enable_password")]
    [InlineData("modes: { a: { prompt: 'x' }, b: { prompt: 'y', from: { a: { send: go, answer: [ { prompt: 'p' } ] } } } }", "modes.b.from.a.answer[0]", "exactly one of")]
    [InlineData("enable: en\nmodes: { a: { prompt: 'x' } }", "modes", "remove 'prompts.modes', 'enable'")]
    [InlineData("privileges: maybe\nprompts: { any: ['x'] }", "privileges", "'enable', 'account' or 'unknown'")]
    public void GraphMistakesAreNamedByField(string body, string field, string problem)
    {
        var ex = Assert.Throws<DriverDefinitionException>(() => DriverCatalog.Builtin.WithYaml("name: bad\n" + body, "bad.yaml"));
        Assert.Contains($"field '{field}'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(problem, ex.Message, StringComparison.Ordinal);
    }
}
