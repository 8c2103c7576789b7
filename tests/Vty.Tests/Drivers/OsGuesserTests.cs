using Vty.Drivers;

namespace Vty.Tests.Drivers;

public sealed class OsGuesserTests
{
    [Fact]
    public void NothingKnownGivesGenericAtZero()
    {
        var guesser = new OsGuesser();
        Assert.Equal(("generic", 0), (guesser.Best.Driver.Name, guesser.Best.Confidence));
        guesser.Feed("Welcome\nuser@testhost> ");
        Assert.Equal(("generic", 0), (guesser.Best.Driver.Name, guesser.Best.Confidence));
        Assert.Empty(guesser.Candidates);
    }

    [Fact]
    public void UsesTheSshServerVersion()
    {
        var guesser = new OsGuesser();
        guesser.SetRemoteVersion("SSH-2.0-Cisco-1.25");
        Assert.Equal(("ios", 80), (guesser.Best.Driver.Name, guesser.Best.Confidence));
    }

    [Theory]
    [InlineData("Cisco Nexus Operating System (NX-OS) Software\nswitch# ", "nxos")]
    [InlineData("--- JUNOS 21.4R3 built 2023-01-01\nlab@vmx> ", "junos")]
    [InlineData("Junos OS Evolved 22.3\nlab@ptx> ", "junos_evo")]
    [InlineData("Cisco IOS XE Software, Version 17.9\nrouter#", "ios_xe")]
    [InlineData("RP/0/RSP0/CPU0:xr1#", "ios_xr")]
    [InlineData("Arista Networks EOS shell\nleaf1>", "eos")]
    [InlineData("Info: The max number of VTY users is 5.\n<HUAWEI>", "vrp")]
    [InlineData("MikroTik RouterOS 7.12\n[admin@MikroTik] > ", "routeros")]
    [InlineData("Welcome to VyOS\nvyos@vyos:~$ ", "vyos")]
    [InlineData("--{ running }--[  ]--\nA:srl1# ", "srlinux")]
    [InlineData("A:sr1# ", "sros")]
    [InlineData("******\n* H3C Comware Platform Software *\n<H3C>", "comware")]
    [InlineData("ExtremeXOS (X460-48t) version 30.7\nX460-48t.1 # ", "exos")]
    [InlineData("Dell EMC Networking OS10 Enterprise\nOS10# ", "os10")]
    [InlineData("Welcome to NVIDIA Cumulus Linux (R) 5.4\ncumulus@leaf01:mgmt:~$ ", "cumulus")]
    [InlineData("BusyBox v1.36.1 built-in shell (ash)\nOpenWrt 23.05\nroot@OpenWrt:~# ", "openwrt")]
    [InlineData("Welcome to EdgeOS\nubnt@ubnt:~$ ", "edgeos")]
    [InlineData("Palo Alto Networks\nadmin@PA-VM> ", "panos")]
    [InlineData("Cisco Adaptive Security Appliance Software Version 9.16\nasa> ", "asa")]
    [InlineData("Ubuntu 24.04 LTS (GNU/Linux 6.8.0 x86_64)\nuser@host:~$ ", "shell")]
    public void RecognisesPlatformsBeyondExscript(string transcript, string expected)
    {
        var guesser = new OsGuesser();
        guesser.Feed(transcript);
        Assert.Equal(expected, guesser.Best.Driver.Name);
    }

    [Fact]
    public void TiesGoToMoreSignalsThenToTheNameThatSortsFirst()
    {
        DriverCatalog catalog = DriverCatalog.Builtin.WithYaml("""
            drivers:
              - name: zzz
                prompts: { any: ['^x$'] }
                guess: [{ pattern: 'TIE', confidence: 70 }]
              - name: aaa
                prompts: { any: ['^x$'] }
                guess: [{ pattern: 'TIE', confidence: 70 }]
              - name: mmm
                prompts: { any: ['^x$'] }
                guess: [{ pattern: 'TIE', confidence: 70 }, { pattern: 'BREAKER', confidence: 10 }]
            """, "tie.yaml");
        var guesser = new OsGuesser(catalog);
        guesser.Feed("TIE");
        Assert.Equal("aaa", guesser.Best.Driver.Name);
        guesser.Feed(" BREAKER");
        Assert.Equal("mmm", guesser.Best.Driver.Name);
        Assert.Equal(["mmm", "aaa", "zzz"], guesser.Candidates.Select(c => c.Driver.Name));
    }

    [Fact]
    public void TheCurrentLineIsReplacedNotAppended()
    {
        var guesser = new OsGuesser();
        guesser.Feed("some banner\n");
        guesser.SetCurrentLine("--More--");
        Assert.Equal("generic", guesser.Best.Driver.Name);
        guesser.SetCurrentLine("RP/0/RP0/CPU0:xr#");
        Assert.Equal("ios_xr", guesser.Best.Driver.Name);
    }

    [Fact]
    public void StaysBoundedOnHugeInput()
    {
        var guesser = new OsGuesser();
        guesser.Feed("Cisco Nexus Operating System (NX-OS) Software\n");
        string filler = new string('x', 1000) + "\n";
        for (int i = 0; i < 2000; i++)
            guesser.Feed(filler);
        Assert.Equal(2_000L * filler.Length + 46, guesser.Length);
        Assert.True(guesser.EvaluationText().Length <= OsGuesser.MaxHeadLength + OsGuesser.MaxTailLength + 1);
        Assert.Equal("nxos", guesser.Best.Driver.Name);
    }
}
