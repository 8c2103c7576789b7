using Vty.Drivers;
using Vty.Login;

namespace Vty.Tests.Login;

/// <summary>What a learned prompt accepts: the same host in any mode, never another host's prompt.</summary>
public sealed class LearnedPromptTests
{
    [Theory]
    [InlineData("router1#", "router1", "router1(config-if)#")]
    [InlineData("router1>", "router1", "router1#")]
    [InlineData("RP/0/RSP0/CPU0:pe1#", "RP/0/RSP0/CPU0:pe1", "RP/0/RSP0/CPU0:pe1(config)#")]
    [InlineData("lab@mx1> ", "lab@mx1", "lab@mx1# ")]
    [InlineData("lab@web1:~$ ", "lab@web1", "lab@web1:/var/log$ ")]
    [InlineData("X460-G2.1 # ", "X460-G2", "* X460-G2.7 # ")]
    [InlineData("A:sr1# ", "A:sr1", "*A:sr1>config>router# ")]
    [InlineData("[lab@web1 ~]$ ", "lab@web1", "[lab@web1 tmp]$ ")]
    [InlineData("<HUAWEI>", "HUAWEI", "[~HUAWEI-GigabitEthernet0/0/1]")]
    [InlineData("A:admin@node1# ", "A:admin@node1", "*A:admin@node1# ")]
    [InlineData("[admin@MikroTik] > ", "admin@MikroTik", "[admin@MikroTik] /interface> ")]
    [InlineData("FGT60E # ", "FGT60E", "FGT60E (global) # ")]
    [InlineData("cumulus@leaf1:mgmt:~$ ", "cumulus@leaf1", "cumulus@leaf1:~$ ")]
    [InlineData("(venv) lab@web1:~/app$ ", "lab@web1", "lab@web1:~$ ")]
    [InlineData("lab@web1:~$ ", "lab@web1", "(main) lab@web1:~/src$ ")]
    public void TheIdentityIsTheHostWithoutTheModeAndAnotherModeFits(string learnedFrom, string identity, string otherMode)
    {
        LearnedPrompt learned = Assert.IsType<LearnedPrompt>(LearnedPrompt.From(learnedFrom));
        Assert.Equal(identity, learned.Identity);
        Assert.True(learned.Fits(otherMode.AsSpan()), $"'{otherMode}' should fit '{learnedFrom}'");
    }

    [Theory]
    [InlineData("router1#", "router2#")]
    [InlineData("router1#", "router10#")]
    [InlineData("lab@web1:~$ ", "lab@web2:~$ ")]
    [InlineData("lab@web1:~$ ", "root@web1:~# ")]
    [InlineData("RP/0/RSP0/CPU0:pe1#", "RP/0/RSP0/CPU0:pe2#")]
    [InlineData("<HUAWEI>", "<HUAWEI2>")]
    [InlineData("(venv) lab@web1:~$ ", "(venv) lab@web2:~$ ")]
    public void AnotherHostsPromptDoesNotFit(string learnedFrom, string foreign)
    {
        LearnedPrompt learned = Assert.IsType<LearnedPrompt>(LearnedPrompt.From(learnedFrom));
        Assert.False(learned.Fits(foreign.AsSpan()), $"'{foreign}' should not fit '{learnedFrom}'");
    }

    [Theory]
    [InlineData("$ ")]
    [InlineData("# ")]
    [InlineData("[10:32:01] $ ")]
    public void APromptWithoutAHostNameLearnsNothing(string prompt) => Assert.Null(LearnedPrompt.From(prompt));

    [Fact]
    public void AChangeCountsOnlyWhenTheNewNameWasTyped()
    {
        LearnedPrompt learned = LearnedPrompt.From("router1(config)#")!;
        string[] typed = LearnedPrompt.WordsOfCommand("hostname router2").ToArray();
        Assert.True(learned.IsChangeTypedIn("router2(config)#".AsSpan(), typed));
        Assert.False(learned.IsChangeTypedIn("router3(config)#".AsSpan(), typed));
        Assert.False(learned.IsChangeTypedIn("router2(config)#".AsSpan(), LearnedPrompt.WordsOfCommand("show running-config").ToArray()));
    }

    public static TheoryData<string, string> PromptSamples()
    {
        var data = new TheoryData<string, string>();
        foreach (Driver driver in DriverCatalog.Builtin.Drivers.OrderBy(d => d.Name, StringComparer.Ordinal))
        {
            foreach (string prompt in driver.Samples.Prompts)
                data.Add(driver.Name, prompt);
        }

        return data;
    }

    /// <summary>
    /// Every driver's prompt samples: the learned identity is a part of the prompt line itself, the
    /// line fits what was learned from it, and the same line with another host name does not.
    /// </summary>
    [Theory]
    [MemberData(nameof(PromptSamples))]
    public void EveryDriversPromptSampleFitsItselfAndNotARenamedHost(string driver, string prompt)
    {
        if (LearnedPrompt.From(prompt) is not { } learned)
            return; // a bare "$" or "#" sample: nothing to learn, commands end on any prompt
        Assert.Contains(learned.Identity, prompt, StringComparison.Ordinal);
        Assert.True(learned.Fits(prompt.AsSpan().Trim()), $"{driver}: '{prompt}' does not fit its own identity '{learned.Identity}'");
        string renamed = ReplaceFirst(prompt, learned.Identity, learned.Identity + "x9");
        Assert.False(learned.Fits(renamed.AsSpan().Trim()), $"{driver}: '{renamed}' fits '{learned.Identity}'");
    }

    private static string ReplaceFirst(string text, string what, string with)
    {
        int at = text.IndexOf(what, StringComparison.Ordinal);
        return text[..at] + with + text[(at + what.Length)..];
    }
}
