using System.Buffers.Text;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Vty.Nats.Tests.Support;

/// <summary>
/// A NATS operator of the test's own (decentralised JWT authentication): an operator, a system
/// account and an account with JetStream, each an NKey, their JWTs (JSON claims signed with the
/// issuer's Ed25519 key, typ JWT, alg ed25519-nkey), a server configuration that trusts the operator
/// with a memory resolver, and user credentials files signed by the account.
/// </summary>
internal sealed class TestNatsOperator
{
    private readonly TestNKey _operator = TestNKey.Create(TestNKey.Role.Operator);
    private readonly TestNKey _system = TestNKey.Create(TestNKey.Role.Account);
    private readonly TestNKey _account = TestNKey.Create(TestNKey.Role.Account);

    /// <summary>Writes the server configuration into <paramref name="directory"/> and returns its path.</summary>
    public string WriteServerConfig(string directory)
    {
        string operatorJwt = Jwt(_operator, _operator.PublicKey, "vty-test-operator", new JsonObject
        {
            ["type"] = "operator",
            ["version"] = 2,
            ["system_account"] = _system.PublicKey,
        });
        string systemJwt = Jwt(_operator, _system.PublicKey, "SYS", AccountClaims(jetStream: false));
        string accountJwt = Jwt(_operator, _account.PublicKey, "vty", AccountClaims(jetStream: true));
        string operatorFile = Path.Combine(directory, "operator.jwt");
        File.WriteAllText(operatorFile, operatorJwt);
        string config = Path.Combine(directory, "operator.conf");
        File.WriteAllText(config, $"""
            operator: "{operatorFile}"
            system_account: {_system.PublicKey}
            resolver: MEMORY
            resolver_preload: {"{"}
              {_system.PublicKey}: "{systemJwt}"
              {_account.PublicKey}: "{accountJwt}"
            {"}"}

            """);
        return config;
    }

    /// <summary>A user of the JetStream account: its creds file (JWT and seed) in <paramref name="directory"/>.</summary>
    public string WriteUserCreds(string directory, string name) => WriteCreds(directory, name, _account);

    /// <summary>A user signed by an account the server does not know: the server must refuse it.</summary>
    public static string WriteStrangerCreds(string directory, string name) => WriteCreds(directory, name, TestNKey.Create(TestNKey.Role.Account));

    private static string WriteCreds(string directory, string name, TestNKey account)
    {
        TestNKey user = TestNKey.Create(TestNKey.Role.User);
        string jwt = Jwt(account, user.PublicKey, name, new JsonObject
        {
            ["type"] = "user",
            ["version"] = 2,
            ["pub"] = new JsonObject(),
            ["sub"] = new JsonObject(),
            ["subs"] = -1,
            ["data"] = -1,
            ["payload"] = -1,
        });
        string path = Path.Combine(directory, name + ".creds");
        File.WriteAllText(path, $"""
            -----BEGIN NATS USER JWT-----
            {jwt}
            ------END NATS USER JWT------

            -----BEGIN USER NKEY SEED-----
            {user.Seed}
            ------END USER NKEY SEED------

            """);
        return path;
    }

    private static JsonObject AccountClaims(bool jetStream)
    {
        var limits = new JsonObject
        {
            ["subs"] = -1, ["data"] = -1, ["payload"] = -1, ["imports"] = -1, ["exports"] = -1,
            ["wildcards"] = true, ["conn"] = -1, ["leaf"] = -1,
        };
        if (jetStream)
        {
            // Any non-zero storage limit turns JetStream on for the account; -1 is unlimited.
            limits["mem_storage"] = -1;
            limits["disk_storage"] = -1;
            limits["streams"] = -1;
            limits["consumer"] = -1;
        }
        return new JsonObject { ["type"] = "account", ["version"] = 2, ["limits"] = limits };
    }

    private static string Jwt(TestNKey issuer, string subject, string name, JsonObject nats)
    {
        string header = Base64Url.EncodeToString("""{"typ":"JWT","alg":"ed25519-nkey"}"""u8);
        var claims = new JsonObject
        {
            ["jti"] = Guid.NewGuid().ToString("N").ToUpperInvariant(),
            ["iat"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
            ["iss"] = issuer.PublicKey,
            ["name"] = name,
            ["sub"] = subject,
            ["nats"] = nats,
        };
        string payload = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims.ToJsonString(new JsonSerializerOptions())));
        byte[] signature = issuer.Sign(Encoding.ASCII.GetBytes($"{header}.{payload}"));
        return $"{header}.{payload}.{Base64Url.EncodeToString(signature)}";
    }
}
