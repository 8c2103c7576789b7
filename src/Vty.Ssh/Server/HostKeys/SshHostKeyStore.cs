using Vty.Ssh.Keys;

namespace Vty.Ssh.Server.HostKeys;

/// <summary>
/// Server host keys on disk in OpenSSH format: loads <c>ssh_host_{ed25519,ecdsa,rsa}_key</c> from a
/// directory and generates (and persists, mode 0600, with a matching <c>.pub</c>) the ones that are
/// missing, so a server keeps its identity across restarts and clients' known_hosts stay valid.
/// </summary>
public static class SshHostKeyStore
{
    /// <summary>The key types a server offers by default: ed25519, ECDSA P-256 and RSA (signing rsa-sha2-512/256).</summary>
    public static IReadOnlyList<string> DefaultKeyTypes { get; } = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"];

    /// <summary>RSA host keys are generated with this many bits (OpenSSH's default).</summary>
    public const int RsaBits = 3072;

    /// <summary>
    /// Loads each key type's file from <paramref name="directory"/> (created if missing) or
    /// generates and writes it. Throws <see cref="SshKeyException"/> when an existing file is
    /// unreadable or holds a different key type than its name says.
    /// </summary>
    public static IReadOnlyList<SshPrivateKey> LoadOrGenerate(string directory, IEnumerable<string>? keyTypes = null)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var keys = new List<SshPrivateKey>();
        foreach (string keyType in keyTypes ?? DefaultKeyTypes)
            keys.Add(LoadOrGenerateFile(Path.Combine(directory, FileNameFor(keyType)), keyType));
        return keys;
    }

    /// <summary>Loads one OpenSSH private key file, or generates a key of <paramref name="keyType"/> and writes it there.</summary>
    public static SshPrivateKey LoadOrGenerateFile(string path, string keyType)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(keyType);
        if (File.Exists(path))
        {
            SshPrivateKey loaded = SshPrivateKey.FromFile(path);
            if (!string.Equals(loaded.KeyType, keyType, StringComparison.Ordinal))
            {
                loaded.Dispose();
                throw new SshKeyException($"host key file {path} holds a {loaded.KeyType} key, expected {keyType}: move it away or pass its real type");
            }
            return loaded;
        }
        SshPrivateKey key = Generate(keyType);
        Persist(path, key);
        return key;
    }

    /// <summary>Loads host keys from existing OpenSSH private key files (e.g. /etc/ssh/ssh_host_ed25519_key).</summary>
    public static IReadOnlyList<SshPrivateKey> Load(params string[] paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        return paths.Select(path => SshPrivateKey.FromFile(path)).ToList();
    }

    /// <summary>Generates in-memory host keys (nothing written), e.g. for tests and throwaway labs.</summary>
    public static IReadOnlyList<SshPrivateKey> GenerateEphemeral(IEnumerable<string>? keyTypes = null) =>
        (keyTypes ?? DefaultKeyTypes).Select(Generate).ToList();

    /// <summary>The OpenSSH file name for a key type: ssh_host_ed25519_key, ssh_host_ecdsa_key, ssh_host_rsa_key.</summary>
    public static string FileNameFor(string keyType) => keyType switch
    {
        "ssh-ed25519" => "ssh_host_ed25519_key",
        "ssh-rsa" => "ssh_host_rsa_key",
        "ssh-dss" => "ssh_host_dsa_key",
        _ when keyType.StartsWith("ecdsa-sha2-", StringComparison.Ordinal) =>
            keyType == "ecdsa-sha2-nistp256" ? "ssh_host_ecdsa_key" : $"ssh_host_ecdsa_{keyType["ecdsa-sha2-".Length..]}_key",
        _ => throw new SshKeyException($"no host key file name for key type {keyType}; use ssh-ed25519, ecdsa-sha2-nistp256/384/521 or ssh-rsa"),
    };

    private static SshPrivateKey Generate(string keyType) =>
        SshPrivateKey.Generate(keyType, keyType == "ssh-rsa" ? RsaBits : null);

    // Written to a temporary file with owner-only permissions first, then moved into place, so a
    // crash never leaves a half-written or world-readable key behind.
    private static void Persist(string path, SshPrivateKey key)
    {
        string directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        string temporary = Path.Combine(directory, $".{Path.GetFileName(path)}.{Environment.ProcessId}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using (var stream = new FileStream(temporary, options))
        using (var writer = new StreamWriter(stream))
            writer.Write(key.ToOpenSshPrivateKey());
        File.Move(temporary, path, overwrite: true);
        File.WriteAllText(path + ".pub", key.PublicKey.ToOpenSshLine(key.Comment.Length == 0 ? null : key.Comment) + "\n");
    }
}
