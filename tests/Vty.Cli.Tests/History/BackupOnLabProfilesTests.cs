namespace Vty.Cli.Tests.History;

/// <summary>
/// `vty backup` with each driver's backup recipe against the lab profiles added for issue 11: one
/// file per device with the OS's own configuration, and a second backup after the clocks moved
/// commits nothing (each recipe drops its OS's timestamps).
/// </summary>
public sealed class BackupOnLabProfilesTests
{
    private static readonly (string Profile, string Expect)[] Profiles =
    [
        ("fortios", "config system interface"),
        ("panos", "deviceconfig {"),
        ("routeros", "/ip address"),
        ("vyos", "set interfaces ethernet eth0 address '192.0.2.50/24'"),
        ("procurve", "vlan 1"),
        ("aoscx", "interface 1/1/1"),
        ("comware", "interface GigabitEthernet1/0/1"),
        ("sros", "router Base"),
        ("exos", "configure vlan users tag 10"),
        ("icx", "interface ethernet 1/1/1"),
    ];

    [Fact]
    public async Task Every_new_profile_is_backed_up_with_its_own_configuration_and_time_is_no_change()
    {
        await using HistoryLab lab = await HistoryLab.StartAsync([.. Profiles.Select(p => p.Profile)]);

        CliRunner.Outcome first = await lab.BackupAsync();
        Assert.True(first.ExitCode == 0, first.Stdout + first.Stderr);
        Assert.Equal(1, await lab.CommitCountAsync());
        for (int i = 0; i < Profiles.Length; i++)
        {
            string file = await File.ReadAllTextAsync(Path.Combine(lab.Repo, lab.HostName(i)));
            Assert.True(file.Contains(Profiles[i].Expect, StringComparison.Ordinal), $"{Profiles[i].Profile}: '{Profiles[i].Expect}' not in\n{file}");
        }

        for (int i = 0; i < Profiles.Length; i++)
            lab.State(i).Options.Clock += new TimeSpan(2, 5, 31);
        CliRunner.Outcome second = await lab.BackupAsync();
        Assert.True(second.ExitCode == 0, second.Stdout + second.Stderr);
        Assert.Contains("nothing committed", second.Stderr);
        Assert.Equal(1, await lab.CommitCountAsync());
    }
}
