namespace Vty.TestSupport.Ssh;

/// <summary>
/// A throwaway OpenSSH certificate authority: an ssh-keygen key in a temp dir that signs user and host
/// certificates with the real <c>ssh-keygen -s</c>.
/// </summary>
public sealed class SshCertificateAuthority : IDisposable
{
    private readonly TempDirectory _dir;

    private SshCertificateAuthority(TempDirectory dir, string keyPath, string publicLine)
    {
        _dir = dir;
        KeyPath = keyPath;
        PublicLine = publicLine;
    }

    /// <summary>The CA's private key file.</summary>
    public string KeyPath { get; }

    /// <summary>The CA's public key line ("ssh-ed25519 AAAA… comment").</summary>
    public string PublicLine { get; }

    /// <summary>The CA's .pub file (for TrustedUserCAKeys).</summary>
    public string PublicKeyPath => KeyPath + ".pub";

    /// <summary>Creates a CA key of a type ssh-keygen -t knows (ed25519, ecdsa, rsa).</summary>
    public static async Task<SshCertificateAuthority> CreateAsync(string type = "ed25519", string name = "ca")
    {
        var dir = new TempDirectory("vty-ca");
        string key = dir.File(name);
        string[] bits = type == "rsa" ? ["-b", "2048"] : [];
        await ManagedProcess.RunCheckedAsync("ssh-keygen", ["-q", "-t", type, .. bits, "-N", "", "-C", $"vty-test-{name}", "-f", key]);
        return new SshCertificateAuthority(dir, key, (await File.ReadAllTextAsync(key + ".pub")).Trim());
    }

    /// <summary>
    /// Signs <paramref name="publicKeyPath"/> (a .pub file) and returns the certificate file (KEY-cert.pub
    /// beside it, or <paramref name="copyTo"/>'s directory when given so shared keys stay untouched).
    /// <paramref name="validity"/> is ssh-keygen's -V (e.g. "+1h", "20200101:20200102").
    /// </summary>
    public async Task<string> SignAsync(string publicKeyPath, string principals, bool host = false, string validity = "+1h",
        string id = "vty-test", string[]? options = null, string? copyTo = null)
    {
        string source = publicKeyPath;
        if (copyTo is not null)
        {
            Directory.CreateDirectory(copyTo);
            source = Path.Combine(copyTo, Path.GetFileName(publicKeyPath));
            File.Copy(publicKeyPath, source, overwrite: true);
        }
        var args = new List<string> { "-q", "-s", KeyPath, "-I", id, "-n", principals, "-V", validity };
        if (host) args.Add("-h");
        foreach (string option in options ?? []) args.AddRange(["-O", option]);
        args.Add(source);
        await ManagedProcess.RunCheckedAsync("ssh-keygen", [.. args]);
        string certificate = source.EndsWith(".pub", StringComparison.Ordinal) ? source[..^4] + "-cert.pub" : source + "-cert.pub";
        if (!File.Exists(certificate)) throw new InvalidOperationException($"ssh-keygen -s did not write {certificate}");
        return certificate;
    }

    public void Dispose() => _dir.Dispose();
}
