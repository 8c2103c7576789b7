using NATS.Client.Core;
using Vty.Nats.Errors;

namespace Vty.Nats.Connection;

/// <summary>
/// How to reach NATS: the server URL(s), TLS (CA, client certificate), and one way to authenticate
/// (a credentials file, an NKey seed file, or a user and password read from environment variables).
/// Secrets are never options: only file paths and variable names are.
/// </summary>
public sealed record NatsConnectionSettings
{
    /// <summary>Variable read for the user name when <see cref="UserVariable"/> is not set.</summary>
    public const string DefaultUserVariable = "VTY_NATS_USER";

    /// <summary>Variable read for the password when <see cref="PasswordVariable"/> is not set.</summary>
    public const string DefaultPasswordVariable = "VTY_NATS_PASSWORD";

    /// <summary>Server URL, e.g. <c>nats://10.0.0.5:4222</c> or <c>tls://nats.example:4222</c>; comma-separated for several servers.</summary>
    public required string Url { get; init; }

    /// <summary>Client name shown by the server (monitoring, logs).</summary>
    public string Name { get; init; } = "vty";

    /// <summary>PEM file of the CA that signed the server's certificate.</summary>
    public string? TlsCaFile { get; init; }

    /// <summary>PEM client certificate (mutual TLS), with <see cref="TlsKeyFile"/>.</summary>
    public string? TlsCertFile { get; init; }

    /// <summary>PEM private key of <see cref="TlsCertFile"/>.</summary>
    public string? TlsKeyFile { get; init; }

    /// <summary>A <c>.creds</c> file (JWT and NKey seed) as issued by an operator.</summary>
    public string? CredentialsFile { get; init; }

    /// <summary>A file holding an NKey seed (<c>SU…</c>).</summary>
    public string? NKeyFile { get; init; }

    /// <summary>Variable holding the user name (default <see cref="DefaultUserVariable"/>, used when set).</summary>
    public string? UserVariable { get; init; }

    /// <summary>Variable holding the password (default <see cref="DefaultPasswordVariable"/>).</summary>
    public string? PasswordVariable { get; init; }

    /// <summary>Time to connect, and for each request to the server.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Reads the process environment (tests replace it).</summary>
    public Func<string, string?> Environment { get; init; } = System.Environment.GetEnvironmentVariable;

    /// <summary>Builds the client options; checks that named files exist and named variables are set.</summary>
    /// <exception cref="NatsRunException">A file is missing or a named variable is not set.</exception>
    public NatsOpts ToOptions()
    {
        if (string.IsNullOrWhiteSpace(Url))
            throw new NatsRunException("no NATS server URL: pass --nats nats://HOST:4222");
        foreach ((string? path, string what) in new[] { (TlsCaFile, "TLS CA file"), (TlsCertFile, "TLS client certificate"), (TlsKeyFile, "TLS client key"), (CredentialsFile, "NATS credentials file"), (NKeyFile, "NKey seed file") })
            if (path is not null && !File.Exists(path))
                throw new NatsRunException($"the {what} '{path}' does not exist");
        if ((TlsCertFile is null) != (TlsKeyFile is null))
            throw new NatsRunException("a TLS client certificate needs its key and the other way round: pass both --nats-cert and --nats-key");
        if (CredentialsFile is not null && NKeyFile is not null)
            throw new NatsRunException("pass either a credentials file or an NKey seed file, not both");

        bool tls = TlsCaFile is not null || TlsCertFile is not null || Url.StartsWith("tls://", StringComparison.OrdinalIgnoreCase);
        return NatsOpts.Default with
        {
            Url = Url,
            Name = Name,
            ConnectTimeout = Timeout,
            RequestTimeout = Timeout,
            CommandTimeout = Timeout,
            // A server restart must not end a run: reconnect for as long as the run lasts.
            MaxReconnectRetry = -1,
            ReconnectWaitMin = TimeSpan.FromMilliseconds(200),
            ReconnectWaitMax = TimeSpan.FromSeconds(2),
            RetryOnInitialConnect = false,
            TlsOpts = tls
                ? new NatsTlsOpts { Mode = TlsMode.Require, CaFile = TlsCaFile, CertFile = TlsCertFile, KeyFile = TlsKeyFile }
                : NatsTlsOpts.Default,
            AuthOpts = Authentication(),
        };
    }

    private NatsAuthOpts Authentication()
    {
        if (CredentialsFile is not null)
            return new NatsAuthOpts { CredsFile = CredentialsFile };
        if (NKeyFile is not null)
        {
            // The client library wants the public key in the file too; `nk -gen user` and nsc write
            // the seed alone, so derive the public key from it.
            string seed = ReadSeed(NKeyFile);
            return new NatsAuthOpts { Seed = seed, NKey = PublicKeyOf(seed, NKeyFile) };
        }
        string? user = Read(UserVariable, DefaultUserVariable);
        string? password = Read(PasswordVariable, DefaultPasswordVariable);
        if (user is null && password is null)
            return NatsAuthOpts.Default;
        if (user is null || password is null)
            throw new NatsRunException($"NATS user and password go together: set both {UserVariable ?? DefaultUserVariable} and {PasswordVariable ?? DefaultPasswordVariable}");
        return new NatsAuthOpts { Username = user, Password = password };
    }

    private static string ReadSeed(string path)
    {
        string[] lines;
        try
        {
            lines = File.ReadAllLines(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new NatsRunException($"cannot read the NKey seed file '{path}': {e.Message}", e);
        }
        return lines.Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("SU", StringComparison.Ordinal))
            ?? throw new NatsRunException($"the NKey seed file '{path}' holds no user seed (a line starting with SU); generate one with `nk -gen user` or `nsc`");
    }

    private static string PublicKeyOf(string seed, string path)
    {
        try
        {
            using NATS.NKeys.KeyPair pair = NATS.NKeys.KeyPair.FromSeed(seed);
            return pair.GetPublicKey();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The library's message may quote the seed; never repeat it.
            throw new NatsRunException($"the NKey seed in '{path}' is not a valid seed (damaged or cut short); generate a new one with `nk -gen user`");
        }
    }

    private string? Read(string? named, string fallback)
    {
        string? value = Environment(named ?? fallback);
        if (string.IsNullOrEmpty(value))
        {
            if (named is not null)
                throw new NatsRunException($"environment variable {named} (named for NATS authentication) is not set; export it first");
            return null;
        }
        return value;
    }
}
