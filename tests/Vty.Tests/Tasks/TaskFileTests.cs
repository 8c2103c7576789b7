using Vty.Tasks;
using Vty.Tasks.Steps;

namespace Vty.Tests.Tasks;

public sealed class TaskFileTests
{
    private const string Sample = """
        vars:
          dirname: backups
        tasks:
          dir:
            description: Make a directory
            steps:
              - run: mkdir -p /tmp/{{ dirname }}
          diskspace:
            - run: df -h
              ok_exit_codes: [0, 1]
          vlans:
            description: VLANs 2 to 5
            steps:
              - enable: true
              - config: ["vlan {{ vlan }}", "name users"]
                commit: true
                comment: added vlan
              - command: show vlan brief
                timeout: 20
              - command: reload
                expect: confirm
              - send: "n\r"
              - expect: "#"
                name: back at prompt
                ignore_errors: true
              - commit: { comment: done, confirm: 5 }
              - save: true
              - sudo: apt-get update
              - show clock
        """;

    [Fact]
    public void ParsesEveryStepKindWithItsOptions()
    {
        TaskFile file = TaskFile.Parse(Sample);

        Assert.Equal(["dir", "diskspace", "vlans"], file.Tasks.Keys);
        Assert.Equal("backups", file.Variables["dirname"]);
        Assert.Equal("Make a directory", file.Get("dir").Description);
        Assert.Equal([0, 1], Assert.IsType<RunStep>(file.Get("diskspace").Steps[0]).OkExitCodes);

        IReadOnlyList<TaskStep> steps = file.Get("vlans").Steps;
        Assert.IsType<EnableStep>(steps[0]);
        ConfigStep config = Assert.IsType<ConfigStep>(steps[1]);
        Assert.Equal(["vlan {{ vlan }}", "name users"], config.Lines);
        Assert.True(config.Commit);
        Assert.Equal("added vlan", config.CommitComment);
        Assert.Equal(TimeSpan.FromSeconds(20), Assert.IsType<CommandStep>(steps[2]).Timeout);
        Assert.Equal("confirm", Assert.IsType<CommandStep>(steps[3]).Expect);
        Assert.Equal("n\r", Assert.IsType<SendStep>(steps[4]).Text);
        ExpectStep expect = Assert.IsType<ExpectStep>(steps[5]);
        Assert.True(expect.IgnoreErrors);
        Assert.Equal("back at prompt", expect.Name);
        CommitStep commit = Assert.IsType<CommitStep>(steps[6]);
        Assert.Equal(("done", 5), (commit.Comment, commit.ConfirmMinutes));
        Assert.IsType<SaveStep>(steps[7]);
        Assert.True(Assert.IsType<RunStep>(steps[8]).Sudo);
        Assert.Equal("show clock", Assert.IsType<CommandStep>(steps[9]).Command);
        Assert.True(file.Get("vlans").NeedsExec && file.Get("vlans").NeedsSession);
        Assert.False(file.Get("dir").NeedsSession);
    }

    [Fact]
    public void UnknownTaskListsTheKnownOnes()
    {
        TaskFileException error = Assert.Throws<TaskFileException>(() => TaskFile.Parse(Sample, "fab.yaml").Get("vlan"));

        Assert.Contains("no task named 'vlan' in fab.yaml", error.Message);
        Assert.Contains("dir, diskspace, vlans", error.Message);
    }

    [Theory]
    [InlineData("tasks:\n  t:\n    steps:\n      - comand: x\n", "line 4", "unknown key 'comand'")]
    [InlineData("tasks:\n  t:\n    steps: []\n", "line 2", "has no steps")]
    [InlineData("tasks:\n  t:\n    - name: only a name\n", "line 3", "needs one of")]
    [InlineData("tasks:\n  t:\n    - commit: { confirm: soon }\n", "line 3", "'confirm' is a number of minutes")]
    [InlineData("tasks:\n  t:\n    - command: x\n      timeout: never\n", "line 4", "'timeout' is a number of seconds")]
    [InlineData("task:\n  t: []\n", "line 1", "unknown key 'task'")]
    [InlineData("vars: {}\n", "", "no 'tasks:'")]
    public void InvalidTaskFilesSayWhereAndWhat(string yaml, string where, string what)
    {
        TaskFileException error = Assert.Throws<TaskFileException>(() => TaskFile.Parse(yaml, "fab.yaml"));

        Assert.StartsWith("fab.yaml", error.Message);
        Assert.Contains(where, error.Message);
        Assert.Contains(what, error.Message);
    }

    [Fact]
    public void TemplatesFillVariablesAndNameTheMissingOne()
    {
        var vars = new Dictionary<string, string> { ["vlan"] = "7", ["host"] = "r1" };

        Assert.Equal("vlan 7 on r1", TaskTemplate.Render("vlan {{vlan}} on {{ host }}", vars, "step 1"));
        TaskFileException error = Assert.Throws<TaskFileException>(() => TaskTemplate.Render("{{ site }}", vars, "task t step 2"));
        Assert.Contains("task t step 2: variable 'site'", error.Message);
    }

    [Fact]
    public void UnescapeUnderstandsTheCommonEscapes()
    {
        Assert.Equal("y\r\n\t\\x\\q", TaskTemplate.Unescape(@"y\r\n\t\\x\q"));
    }
}
