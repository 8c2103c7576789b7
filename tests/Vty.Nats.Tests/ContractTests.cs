using System.Text;
using Vty.Fleet;
using Vty.Inventory;
using Vty.Nats.Contracts;
using Vty.Nats.Errors;
using Vty.Nats.Submitting;

namespace Vty.Nats.Tests;

/// <summary>What the messages on NATS carry, and what they must never carry.</summary>
public sealed class ContractTests
{
    private static readonly InventoryHost Host = new()
    {
        Name = "core-1",
        Url = "ssh://admin@10.0.0.1:22",
        Settings = new HostSettings { Driver = "ios", PasswordEnv = "CORE_PW", Zone = "emea", Variables = new Dictionary<string, string> { ["site"] = "lon" } },
        Groups = ["core"],
    };

    [Fact]
    public void A_result_round_trips_with_parsed_rows_failure_and_timings()
    {
        var result = new HostResult
        {
            Host = Host,
            Failure = FailureKind.CommandError,
            Error = "% Invalid input detected at '^' marker.",
            Exception = new InvalidOperationException("not sent"),
            Driver = "ios",
            Results =
            [
                new CommandOutput("show ip int brief", "Gi0/0 10.0.0.1 up", TimeSpan.FromMilliseconds(42))
                {
                    Parsed = [new Dictionary<string, object> { ["INTF"] = "Gi0/0", ["IPS"] = new List<string> { "10.0.0.1", "10.0.0.2" } }],
                },
            ],
            StartedAt = new DateTimeOffset(2026, 12, 5, 4, 0, 0, TimeSpan.Zero),
            Elapsed = TimeSpan.FromMilliseconds(1234),
            Attempts = 2,
        };
        var message = new HostResultMessage { RunId = "r1", Index = 7, HostName = "core-1", Result = result };

        byte[] wire = NatsJson.Serialize(message);
        HostResultMessage back = NatsJson.Deserialize<HostResultMessage>(wire);
        HostResult got = back.Result! with { Host = Host };

        Assert.DoesNotContain("not sent", Encoding.UTF8.GetString(wire));     // exceptions stay home
        Assert.DoesNotContain("10.0.0.1:22", Encoding.UTF8.GetString(wire));  // the manifest carries the host
        Assert.Equal(HostResultJson.Serialize(result), HostResultJson.Serialize(got));
        Assert.Equal(TimeSpan.FromMilliseconds(1234), got.Elapsed);
        Assert.Equal(2, got.Attempts);
    }

    [Fact]
    public void A_job_carries_variable_names_and_never_a_literal_password()
    {
        var job = new HostJobMessage
        {
            RunId = "r1",
            Index = 0,
            Zone = "emea",
            Host = Host with { Settings = Host.Settings with { Password = "hunter2-literal" } },
            Spec = new JobSpec { Command = "run", Arguments = ["--command=show clock"] },
        };

        string wire = Encoding.UTF8.GetString(NatsJson.Serialize(job));
        HostJobMessage back = NatsJson.Deserialize<HostJobMessage>(Encoding.UTF8.GetBytes(wire));

        Assert.DoesNotContain("hunter2-literal", wire);
        Assert.Contains("CORE_PW", wire);
        Assert.Null(back.Host.Settings.Password);
        Assert.Equal("CORE_PW", back.Host.Settings.PasswordEnv);
        Assert.Equal("emea", back.Host.Settings.Zone);
        Assert.Equal("lon", back.Host.Variables["site"]);
        Assert.Equal(["core"], back.Host.Groups);
    }

    [Fact]
    public void A_password_and_an_exception_are_never_written_nor_read()
    {
        var settings = Host.Settings with { Password = "hunter2-literal" };
        var result = new HostResult { Host = Host, Failure = FailureKind.LoginFailed, Error = "denied", Exception = new InvalidOperationException("stack-secret") };

        string settingsWire = Encoding.UTF8.GetString(NatsJson.Serialize(settings));
        string resultWire = Encoding.UTF8.GetString(NatsJson.Serialize(result));
        HostSettings forged = NatsJson.Deserialize<HostSettings>("""{"password":"forged","passwordEnv":"PW"}"""u8);
        HostResult forgedResult = NatsJson.Deserialize<HostResult>("""{"host":{"name":"x","url":"ssh://x"},"exception":{"message":"m"},"failure":"Timeout"}"""u8);

        Assert.DoesNotContain("hunter2-literal", settingsWire);
        Assert.DoesNotContain("password\"", settingsWire);
        Assert.Contains("\"passwordEnv\":\"CORE_PW\"", settingsWire);
        Assert.DoesNotContain("stack-secret", resultWire);
        Assert.DoesNotContain("exception", resultWire);
        Assert.DoesNotContain("\"host\"", resultWire);
        Assert.DoesNotContain("\"ok\"", resultWire);      // computed properties stay home too
        Assert.Contains("\"failure\":\"LoginFailed\"", resultWire);
        Assert.Null(forged.Password);
        Assert.Equal("PW", forged.PasswordEnv);
        Assert.Null(forgedResult.Exception);
        Assert.Null(forgedResult.Host);
        Assert.Equal(FailureKind.Timeout, forgedResult.Failure);
    }

    [Fact]
    public void Every_message_type_round_trips()
    {
        var spec = new JobSpec { Command = "config", Arguments = ["--file=x.cfg"], TaskFile = "steps: []", TimeoutSeconds = 30, Retries = 2, Transcripts = true };
        var manifest = new RunManifest
        {
            RunId = "r1", Label = "config", Spec = spec, SubmittedAt = new DateTimeOffset(2026, 12, 5, 8, 0, 0, TimeSpan.Zero),
            Hosts = [new ManifestHost("core-1", "ssh://admin@10.0.0.1:22", "ios", "emea"), new ManifestHost("r2", "telnet://r2", null, "default")],
        };
        var job = new HostJobMessage { RunId = "r1", Index = 1, Zone = "emea", Host = Host, Spec = spec, MaxDeliveries = 5 };
        var pointer = new HostResultMessage { RunId = "r1", Index = 1, HostName = "core-1", Worker = "w1", Delivery = 2, BodyObject = "results.r1.1", Transcript = "<&>" };
        var claim = new ClaimMessage("w1", 2, Released: true);

        RunManifest manifestBack = NatsJson.Deserialize<RunManifest>(NatsJson.Serialize(manifest));
        HostJobMessage jobBack = NatsJson.Deserialize<HostJobMessage>(NatsJson.Serialize(job));

        Assert.Equal(manifest with { Hosts = [], Spec = spec with { Arguments = [] } }, manifestBack with { Hosts = [], Spec = manifestBack.Spec with { Arguments = [] } });
        Assert.Equal(manifest.Hosts, manifestBack.Hosts);
        Assert.Equal(spec.Arguments, manifestBack.Spec.Arguments);
        Assert.Equal(5, jobBack.MaxDeliveries);
        Assert.Equal(Host.Settings with { Variables = null! }, jobBack.Host.Settings with { Variables = null! });
        Assert.Equal(Host.Groups, jobBack.Host.Groups);
        Assert.Equal(spec.TaskFile, jobBack.Spec.TaskFile);
        Assert.Equal(pointer, NatsJson.Deserialize<HostResultMessage>(NatsJson.Serialize(pointer)));
        Assert.Equal(claim, NatsJson.Deserialize<ClaimMessage>(NatsJson.Serialize(claim)));
        Assert.Contains("\"transcript\":\"<&>\"", Encoding.UTF8.GetString(NatsJson.Serialize(pointer)));  // relaxed escaping
    }

    [Fact]
    public void Submitting_refuses_literal_passwords_duplicate_hosts_and_unusable_zones()
    {
        var spec = new JobSpec { Command = "run" };
        var literal = Assert.Throws<NatsRunException>(() => RunSubmitter.CreateManifest("r1", "run", spec, [Host with { Settings = Host.Settings with { Password = "x" } }]));
        var twice = Assert.Throws<NatsRunException>(() => RunSubmitter.CreateManifest("r1", "run", spec, [Host, Host]));
        var zone = Assert.Throws<NatsRunException>(() => RunSubmitter.CreateManifest("r1", "run", spec, [Host with { Settings = Host.Settings with { Zone = "eu.west" } }]));
        var runId = Assert.Throws<NatsRunException>(() => RunSubmitter.CreateManifest("a b", "run", spec, [Host]));

        Assert.Contains("password_env", literal.Message);
        Assert.Contains("selected twice", twice.Message);
        Assert.Contains("zone of host 'core-1' 'eu.west'", zone.Message);
        Assert.Contains("run id 'a b'", runId.Message);
        RunManifest manifest = RunSubmitter.CreateManifest("r1", "run", spec, [Host, Host with { Name = "core-2", Settings = Host.Settings with { Zone = null } }]);
        Assert.Equal(["emea", "default"], manifest.Hosts.Select(h => h.Zone));
    }

    [Fact]
    public void Inventory_zone_is_read_and_inherited()
    {
        HostInventory inventory = HostInventory.Parse("""
            groups:
              apac: { zone: apac }
            hosts:
              r1: { url: telnet://10.0.0.1, groups: [apac] }
              r2: { url: telnet://10.0.0.2, zone: emea }
              r3: telnet://10.0.0.3
            """, "zones.yaml");

        Assert.Equal(["apac", "emea", null], inventory.Hosts.Select(h => h.Settings.Zone));
    }

    [Fact]
    public void Workers_refuse_jobs_that_would_run_a_command_on_the_worker()
    {
        var proxy = new JobSpec { Command = "run", Arguments = ["--command=show clock", "-o=ProxyCommand=nc %h %p"] };
        var spaced = new JobSpec { Command = "run", Arguments = ["-o=proxycommand sh -c id"] };
        var fine = new JobSpec { Command = "run", Arguments = ["-o=ProxyJump=bastion", "-o=StrictHostKeyChecking=no"] };

        Assert.Contains("ProxyCommand", Assert.Throws<NatsRunException>(() => Working.JobSpecPolicy.Check(proxy)).Message);
        Assert.Throws<NatsRunException>(() => Working.JobSpecPolicy.Check(spaced));
        Working.JobSpecPolicy.Check(fine);
    }
}
