using System.Diagnostics;
using Vty.Drivers;
using Vty.History;

namespace Vty.Tests.History;

/// <summary>The stored text: noise dropped and secrets scrubbed per the built-in recipes; diffs that `patch` applies; secrets restored for a rollback.</summary>
public sealed class ConfigTextTests
{
    private static BackupRecipe Recipe(string driver) => DriverCatalog.Builtin.Get(driver).Backup!;

    [Fact]
    public void Ios_recipe_drops_volatile_lines_and_scrubs_every_kind_of_secret()
    {
        string output = """
            Building configuration...

            Current configuration : 1234 bytes
            !
            ! Last configuration change at 09:26:53 UTC Fri Mar 14 2025 by lab
            ! NVRAM config last updated at 09:20:00 UTC Fri Mar 14 2025 by lab
            !
            hostname r1
            enable secret 9 $9$abcdefgh$ijklmnop
            username admin privilege 15 secret 5 $1$salt$hashhash
            username ops password 7 0822455D0A16
            snmp-server community Pub1icS3cret RO
            tacacs-server key 7 TacS3cret
            crypto isakmp key IsaS3cret address 0.0.0.0
            ntp clock-period 17179869
            interface Gi0/1
             ip ospf message-digest-key 1 md5 OspfS3cret
            end
            """;
        string stored = ConfigTextCleaner.Clean(output, Recipe("ios"));
        foreach (string secret in new[] { "$9$abcdefgh", "$1$salt", "0822455D0A16", "Pub1icS3cret", "TacS3cret", "IsaS3cret", "OspfS3cret" })
            Assert.DoesNotContain(secret, stored);
        Assert.DoesNotContain("Building configuration", stored);
        Assert.DoesNotContain("1234 bytes", stored);
        Assert.DoesNotContain("Last configuration change", stored);
        Assert.DoesNotContain("clock-period", stored);
        Assert.Contains("snmp-server community <removed> RO\n", stored);
        Assert.Contains("username admin privilege 15 secret 5 <removed>\n", stored);
        Assert.StartsWith("!\n!\nhostname r1\n", stored);
        Assert.EndsWith("end\n", stored);
        // Keeping secrets keeps them; noise still goes.
        string kept = ConfigTextCleaner.Clean(output, Recipe("ios"), keepSecrets: true);
        Assert.Contains("Pub1icS3cret", kept);
        Assert.DoesNotContain("clock-period", kept);
    }

    [Fact]
    public void Junos_recipe_scrubs_hashes_keys_and_communities_in_brace_and_set_form()
    {
        string output = "## Last commit: 2025-03-14 09:26:53 UTC by lab\nsystem {\n    root-authentication {\n        encrypted-password \"$6$abc$def\"; ## SECRET-DATA\n    }\n}\nsnmp {\n    community Comm1S3cret {\n        authorization read-only;\n    }\n}\n";
        string stored = ConfigTextCleaner.Clean(output, Recipe("junos"));
        Assert.DoesNotContain("$6$abc", stored);
        Assert.DoesNotContain("Comm1S3cret", stored);
        Assert.DoesNotContain("Last commit", stored);
        Assert.Equal("set snmp community <removed> authorization read-only", ConfigTextCleaner.Scrub("set snmp community Comm1S3cret authorization read-only", Recipe("junos").Secrets));
    }

    [Fact]
    public void A_secret_pattern_without_a_secret_group_is_refused_with_the_field()
    {
        var e = Assert.Throws<DriverDefinitionException>(() => DriverCatalog.Builtin.WithYaml("""
            name: broken
            prompts: { any: ['^x# $'] }
            backup:
              commands: [show run]
              secrets: ['^password \S+']
            """, "test.yaml"));
        Assert.Contains("backup.secrets[0]", e.Message);
        Assert.Contains("(?<secret>", e.Message);
    }

    [Fact]
    public async Task Unified_diff_applies_with_patch_and_is_empty_for_equal_texts()
    {
        var random = new Random(7);
        string before = string.Join("", Enumerable.Range(0, 300).Select(i => $"line {i}\n"));
        var lines = before.Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        for (int k = 0; k < 25; k++)
        {
            int at = random.Next(lines.Count);
            switch (random.Next(3))
            {
                case 0: lines.RemoveAt(at); break;
                case 1: lines.Insert(at, $"inserted {k}"); break;
                default: lines[at] = $"changed {k}"; break;
            }
        }
        string after = string.Join("", lines.Select(l => l + "\n"));
        Assert.Equal("", LineDiff.Unified(before, before));

        string dir = Path.Combine(Path.GetTempPath(), $"vty-diff-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        try
        {
            await File.WriteAllTextAsync(Path.Combine(dir, "config"), before);
            await File.WriteAllTextAsync(Path.Combine(dir, "change.patch"), LineDiff.Unified(before, after, "config", "config"));
            var start = new ProcessStartInfo("patch", ["-s", "config", "change.patch"]) { WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true };
            using Process patch = Process.Start(start)!;
            string err = await patch.StandardError.ReadToEndAsync() + await patch.StandardOutput.ReadToEndAsync();
            await patch.WaitForExitAsync();
            Assert.True(patch.ExitCode == 0, err);
            Assert.Equal(after, await File.ReadAllTextAsync(Path.Combine(dir, "config")));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public void Secrets_are_restored_by_line_and_parents_and_a_missing_one_is_named()
    {
        BackupRecipe recipe = Recipe("junos");
        string current = "system {\n    login {\n        user a {\n            authentication {\n                encrypted-password \"$6$aaa\";\n            }\n        }\n        user b {\n            authentication {\n                encrypted-password \"$6$bbb\";\n            }\n        }\n    }\n}\n";
        string stored = ConfigTextCleaner.Clean(current, recipe);
        Assert.DoesNotContain("$6$", stored);
        // Stored order differs from the device's: user b first; each keeps its own hash.
        string reordered = stored.Replace("user a", "user TMP", StringComparison.Ordinal).Replace("user b", "user a", StringComparison.Ordinal).Replace("user TMP", "user b", StringComparison.Ordinal);
        string restored = SecretRestorer.Restore(reordered, current, recipe);
        Assert.Contains("user a {\n            authentication {\n                encrypted-password \"$6$aaa\";", restored);
        Assert.Contains("user b {\n            authentication {\n                encrypted-password \"$6$bbb\";", restored);

        string missing = stored.Replace("user b", "user c", StringComparison.Ordinal);
        var e = Assert.Throws<ConfigRepositoryException>(() => SecretRestorer.Restore(missing, current, recipe));
        Assert.Contains("line 10", e.Message);
    }
}
