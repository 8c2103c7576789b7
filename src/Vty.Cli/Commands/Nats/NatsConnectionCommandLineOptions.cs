using System.CommandLine;
using Vty.Nats.Connection;

namespace Vty.Cli.Commands.Nats;

/// <summary>
/// How to reach NATS, shared by <c>vty worker</c>, <c>vty results</c> and the <c>--nats</c> of run,
/// config and task: the URL, TLS files, a credentials or NKey file, and the names of the variables
/// holding a user and password. No secret is ever an option value.
/// </summary>
internal sealed class NatsConnectionCommandLineOptions
{
    public NatsConnectionCommandLineOptions(bool urlRequired)
    {
        Url = new Option<string?>("--nats")
        {
            Description = urlRequired
                ? "NATS server URL with JetStream, e.g. nats://10.0.0.5:4222 (tls://… for TLS)."
                : "Run distributed: submit the hosts as jobs to this NATS server (JetStream) for `vty worker`s, then collect the results.",
            Required = urlRequired,
        };
    }

    public Option<string?> Url { get; }

    public Option<string?> CaFile { get; } = new("--nats-ca") { Description = "PEM file of the CA that signed the NATS server's certificate (turns TLS on)." };

    public Option<string?> CertFile { get; } = new("--nats-cert") { Description = "PEM client certificate for NATS (mutual TLS); needs --nats-key." };

    public Option<string?> KeyFile { get; } = new("--nats-key") { Description = "PEM private key of --nats-cert." };

    public Option<string?> CredsFile { get; } = new("--nats-creds") { Description = "NATS credentials file (.creds: JWT and NKey seed)." };

    public Option<string?> NKeyFile { get; } = new("--nats-nkey") { Description = "File holding an NKey seed (SU…) for NATS." };

    public Option<string?> UserEnv { get; } = new("--nats-user-env") { Description = $"Variable holding the NATS user (default {NatsConnectionSettings.DefaultUserVariable}, when set)." };

    public Option<string?> PasswordEnv { get; } = new("--nats-password-env") { Description = $"Variable holding the NATS password (default {NatsConnectionSettings.DefaultPasswordVariable})." };

    public IEnumerable<Option> All => [Url, CaFile, CertFile, KeyFile, CredsFile, NKeyFile, UserEnv, PasswordEnv];

    public void AddTo(Command command)
    {
        foreach (Option option in All)
            command.Options.Add(option);
    }

    public NatsConnectionSettings Settings(ParseResult parse, string clientName) => new()
    {
        Url = parse.GetValue(Url) ?? "",
        Name = clientName,
        TlsCaFile = parse.GetValue(CaFile),
        TlsCertFile = parse.GetValue(CertFile),
        TlsKeyFile = parse.GetValue(KeyFile),
        CredentialsFile = parse.GetValue(CredsFile),
        NKeyFile = parse.GetValue(NKeyFile),
        UserVariable = parse.GetValue(UserEnv),
        PasswordVariable = parse.GetValue(PasswordEnv),
    };
}
