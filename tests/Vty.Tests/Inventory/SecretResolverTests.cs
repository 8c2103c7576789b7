using Vty.Inventory;

namespace Vty.Tests.Inventory;

public sealed class SecretResolverTests
{
    private static InventoryHost Host(string yaml) => HostInventory.Parse(yaml).Hosts[0];

    [Fact]
    public async Task HostVariablesWinOverTheGlobalOnes()
    {
        var env = new Dictionary<string, string>
        {
            ["R1_PW"] = "host-pw", ["R1_EN"] = "host-enable",
            ["VTY_PASSWORD"] = "global-pw", ["VTY_ENABLE_PASSWORD"] = "global-enable", ["VTY_KEY_PASSPHRASE"] = "pp",
        };
        var resolver = new SecretResolver(name => env.GetValueOrDefault(name));

        HostCredentials own = await resolver.ResolveAsync(Host("hosts: { r1: { url: ssh://admin@r1, password_env: R1_PW, enable_password_env: R1_EN } }"));
        HostCredentials global = await resolver.ResolveAsync(Host("hosts: { r2: { username: ops } }"));

        Assert.Equal(("admin", "host-pw", "host-enable"), (own.Username, own.Password, own.EnablePassword));
        Assert.Equal(("ops", "global-pw", "global-enable", "pp"), (global.Username, global.Password, global.EnablePassword, global.KeyPassphrase));
    }

    [Fact]
    public async Task AMissingNamedVariableIsAnErrorThatNamesItButNoSecret()
    {
        var resolver = new SecretResolver(name => name == "VTY_PASSWORD" ? "global-secret" : null);

        InventoryException error = await Assert.ThrowsAsync<InventoryException>(
            () => resolver.ResolveAsync(Host("hosts: { r1: { password_env: R1_PW } }")).AsTask());

        Assert.Contains("R1_PW", error.Message);
        Assert.Contains("r1", error.Message);
        Assert.DoesNotContain("global-secret", error.Message);
    }

    [Fact]
    public async Task ThePromptIsAskedOnceForAllHostsWithoutAPassword()
    {
        int asked = 0;
        var resolver = new SecretResolver(_ => null, (_, _) => { Interlocked.Increment(ref asked); return ValueTask.FromResult<string?>("typed"); });
        HostInventory inventory = HostInventory.Parse("hosts: { a: {}, b: {}, c: { key: /tmp/k } }");

        HostCredentials[] all = await Task.WhenAll(inventory.Hosts.Select(h => resolver.ResolveAsync(h).AsTask()));

        Assert.Equal(1, asked);
        Assert.Equal("typed", all[0].Password);
        Assert.Equal("typed", all[1].Password);
        Assert.Null(all[2].Password);
        Assert.Equal("/tmp/k", all[2].KeyFile);
    }

    [Fact]
    public async Task CredentialsToStringMasksEverySecret()
    {
        var resolver = new SecretResolver(name => name switch { "VTY_PASSWORD" => "pw-1", "VTY_ENABLE_PASSWORD" => "en-2", "VTY_KEY_PASSPHRASE" => "pp-3", _ => null });

        HostCredentials credentials = await resolver.ResolveAsync(Host("hosts: { r1: { username: u } }"));
        string text = credentials.ToString();

        Assert.DoesNotContain("pw-1", text);
        Assert.DoesNotContain("en-2", text);
        Assert.DoesNotContain("pp-3", text);
        Assert.Contains("Username = u", text);
    }

    [Fact]
    public async Task TheDefaultPasswordVariableCanBeRenamed()
    {
        var env = new Dictionary<string, string> { ["VTY_PASSWORD"] = "default", ["LAB_PW"] = "renamed" };
        var resolver = new SecretResolver(name => env.GetValueOrDefault(name)) { DefaultPasswordVariable = "LAB_PW" };

        HostCredentials credentials = await resolver.ResolveAsync(Host("hosts: { r1: {} }"));

        Assert.Equal("renamed", credentials.Password);
    }
}
