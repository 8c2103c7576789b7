using System.Text.Json;
using Vty.Nats.Tests.Support;
using Vty.TestSupport;
using VtyCli = Vty.Nats.Tests.Support.Vty;

namespace Vty.Nats.Tests;

/// <summary>
/// NATS connection options against a real nats-server: mutual TLS (certificates made by openssl for
/// the test) with a user and password; an NKey user (keys made by the test); and operator mode,
/// where a creds file's user JWT must chain to an account the server trusts (JWTs signed by the test).
/// </summary>
[Collection(LabCollection.Name)]
public sealed class NatsSecurityTests(LabFleet fleet) : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("vty-nats-tls-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Workers_and_submitters_use_mutual_tls_and_a_password_from_the_environment()
    {
        await MakeCertificatesAsync();
        string password = $"nats-{Guid.NewGuid():N}";
        await using NatsServer nats = await NatsServer.StartAsync(
            "--tls", "--tlscert", Pem("server.crt"), "--tlskey", Pem("server.key"), "--tlscacert", Pem("ca.crt"), "--tlsverify",
            "--user", "vty", "--pass", password);
        string[] tls = ["--nats-ca", Pem("ca.crt"), "--nats-cert", Pem("client.crt"), "--nats-key", Pem("client.key")];
        var environment = new Dictionary<string, string>(fleet.WorkerEnvironment) { ["VTY_NATS_USER"] = "vty", ["VTY_NATS_PASSWORD"] = password };
        string inventory = fleet.WriteInventory(_dir, count: 5);

        await using ManagedProcess worker = VtyCli.StartWorker(nats, "tls-1", environment, tls);
        await VtyCli.WaitForAsync(() => worker.StandardError.Contains("taking jobs", StringComparison.Ordinal) || worker.HasExited, TimeSpan.FromSeconds(60), "the worker");
        var (exit, stdout, stderr) = await VtyCli.RunAsync(environment, TimeSpan.FromMinutes(2),
            ["run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--json", .. tls]);
        var (noCert, _, noCertError) = await VtyCli.RunAsync(environment, TimeSpan.FromMinutes(1),
            "run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, "--nats-ca", Pem("ca.crt"));
        var (badPassword, _, badPasswordError) = await VtyCli.RunAsync(
            new Dictionary<string, string>(environment) { ["VTY_NATS_PASSWORD"] = "wrong" }, TimeSpan.FromMinutes(1),
            ["run", "--inventory", inventory, "-c", "show clock", "--nats", nats.Url, .. tls]);

        Assert.False(worker.HasExited, worker.Output);
        Assert.True(exit == 0, stderr + worker.Output);
        Assert.Equal(5, VtyCli.JsonLines(stdout).Count(l => l.GetProperty("ok").GetBoolean()));
        Assert.Equal(1, noCert);
        Assert.Contains("cannot connect to NATS", noCertError);
        Assert.Equal(1, badPassword);
        Assert.Contains("cannot connect to NATS", badPasswordError);
        Assert.DoesNotContain(password, badPasswordError + noCertError + stderr + worker.Output);
    }

    [Fact]
    public async Task An_nkey_seed_file_alone_authenticates_workers_and_submitters()
    {
        TestNKey user = TestNKey.Create(TestNKey.Role.User);
        string config = Pem("nkey.conf");
        await File.WriteAllTextAsync(config, $"authorization {{\n  users = [ {{ nkey: {user.PublicKey} }} ]\n}}\n");
        // The seed alone, as `nk -gen user` writes it (the client library by itself also wants the public key).
        string seed = Pem("user.nk");
        await File.WriteAllTextAsync(seed, user.Seed + "\n");
        string stranger = Pem("stranger.nk");
        await File.WriteAllTextAsync(stranger, TestNKey.Create(TestNKey.Role.User).Seed + "\n");
        await using NatsServer nats = await NatsServer.StartAsync("-c", config);

        (int exit, string stdout, string output) = await RunWithAsync(nats, ["--nats-nkey", seed], ["--nats-nkey", seed]);
        var (strangerExit, _, strangerError) = await RunOnlyAsync(nats, "--nats-nkey", stranger);
        var (anonymousExit, _, anonymousError) = await RunOnlyAsync(nats);

        Assert.True(exit == 0, output);
        Assert.Equal(5, VtyCli.JsonLines(stdout).Count(l => l.GetProperty("ok").GetBoolean()));
        AssertRefused(strangerExit, strangerError);
        AssertRefused(anonymousExit, anonymousError);
        Assert.DoesNotContain(user.Seed, output + strangerError);
    }

    [Fact]
    public async Task A_creds_file_of_a_user_signed_by_an_operator_trusted_account_authenticates()
    {
        var authority = new TestNatsOperator();
        string config = authority.WriteServerConfig(_dir);
        string workerCreds = authority.WriteUserCreds(_dir, "worker");
        string submitterCreds = authority.WriteUserCreds(_dir, "submitter");
        string stranger = TestNatsOperator.WriteStrangerCreds(_dir, "stranger");
        await using NatsServer nats = await NatsServer.StartAsync("-c", config);

        (int exit, string stdout, string output) = await RunWithAsync(nats, ["--nats-creds", workerCreds], ["--nats-creds", submitterCreds]);
        var (strangerExit, _, strangerError) = await RunOnlyAsync(nats, "--nats-creds", stranger);
        var (anonymousExit, _, anonymousError) = await RunOnlyAsync(nats);

        Assert.True(exit == 0, output + nats.Log);
        Assert.Equal(5, VtyCli.JsonLines(stdout).Count(l => l.GetProperty("ok").GetBoolean()));
        AssertRefused(strangerExit, strangerError);
        AssertRefused(anonymousExit, anonymousError);
    }

    private static void AssertRefused(int exit, string stderr)
    {
        Assert.Equal(1, exit);
        Assert.Contains("cannot connect to NATS", stderr);
    }

    /// <summary>A worker and a submitted 5-host run, each with its own NATS options; returns the run's exit, stdout, and everything both printed.</summary>
    private async Task<(int Exit, string Stdout, string Output)> RunWithAsync(NatsServer nats, string[] workerOptions, string[] submitterOptions)
    {
        await using ManagedProcess worker = VtyCli.StartWorker(nats, "auth-1", fleet.WorkerEnvironment, workerOptions);
        await VtyCli.WaitForAsync(() => worker.StandardError.Contains("taking jobs", StringComparison.Ordinal) || worker.HasExited, TimeSpan.FromSeconds(60), "the worker");
        Assert.False(worker.HasExited, worker.Output);
        var (exit, stdout, stderr) = await VtyCli.RunAsync(null, TimeSpan.FromMinutes(2),
            ["run", "--inventory", fleet.WriteInventory(_dir, count: 5), "-c", "show clock", "--nats", nats.Url, "--json", .. submitterOptions]);
        return (exit, stdout, stdout + stderr + worker.Output);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunOnlyAsync(NatsServer nats, params string[] options) =>
        VtyCli.RunAsync(null, TimeSpan.FromMinutes(1), ["run", "--inventory", fleet.WriteInventory(_dir, count: 5), "-c", "show clock", "--nats", nats.Url, .. options]);

    private string Pem(string name) => Path.Combine(_dir, name);

    private async Task MakeCertificatesAsync()
    {
        await OpenSslAsync("req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
            "-subj", "/CN=vty-test-ca", "-keyout", Pem("ca.key"), "-out", Pem("ca.crt"));
        foreach ((string name, string extension) in new[] { ("server", "subjectAltName=IP:127.0.0.1"), ("client", "extendedKeyUsage=clientAuth") })
        {
            await OpenSslAsync("req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                "-subj", $"/CN=vty-test-{name}", "-keyout", Pem($"{name}.key"), "-out", Pem($"{name}.csr"));
            await File.WriteAllTextAsync(Pem($"{name}.ext"), extension + "\n");
            await OpenSslAsync("x509", "-req", "-in", Pem($"{name}.csr"), "-CA", Pem("ca.crt"), "-CAkey", Pem("ca.key"), "-CAcreateserial",
                "-days", "1", "-extfile", Pem($"{name}.ext"), "-out", Pem($"{name}.crt"));
        }
    }

    private static async Task OpenSslAsync(params string[] args)
    {
        var (code, output) = await ManagedProcess.RunAsync("openssl", args);
        Assert.True(code == 0, $"openssl {string.Join(' ', args)}: {output}");
    }
}
