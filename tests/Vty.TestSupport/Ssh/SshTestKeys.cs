using System.Collections.Concurrent;

namespace Vty.TestSupport.Ssh;

/// <summary>
/// Throwaway key files made with ssh-keygen / dropbearkey once per test run and shared by all
/// tests of the process (generating RSA keys is slow). Deleted when the process exits.
/// Names: "ed25519", "ecdsa256", "ecdsa384", "ecdsa521", "rsa" (openssh-key-v1), "rsa-pem" (PKCS#1),
/// "rsa-pkcs8", "ecdsa-pem" (SEC1), "dsa", "ed25519-encrypted" and "rsa-pem-encrypted"
/// (passphrase <see cref="Passphrase"/>), "dropbear-ed25519", "dropbear-rsa", "dropbear-ecdsa".
/// </summary>
public static class SshTestKeys
{
    /// <summary>Passphrase of the encrypted keys.</summary>
    public const string Passphrase = "test-passphrase";

    private static readonly ConcurrentDictionary<string, Lazy<Task<string>>> Keys = new();
    private static readonly Lazy<string> Directory = new(() =>
    {
        string dir = Path.Combine(Path.GetTempPath(), $"vty-test-keys-{Environment.ProcessId}-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            try { System.IO.Directory.Delete(dir, true); } catch (IOException) { }
        };
        return dir;
    });

    /// <summary>Path of the private key file (the public key is next to it with ".pub" for ssh-keygen keys).</summary>
    public static Task<string> GetAsync(string name) =>
        Keys.GetOrAdd(name, n => new Lazy<Task<string>>(() => CreateAsync(n))).Value;

    /// <summary>The OpenSSH one-line public key of an ssh-keygen key.</summary>
    public static async Task<string> GetPublicLineAsync(string name) => (await File.ReadAllTextAsync(await GetAsync(name) + ".pub")).Trim();

    private static async Task<string> CreateAsync(string name)
    {
        string path = Path.Combine(Directory.Value, name);
        if (name.StartsWith("dropbear-", StringComparison.Ordinal))
        {
            string type = name["dropbear-".Length..];
            var args = new List<string> { "-t", type, "-f", path };
            if (type == "rsa") args.AddRange(["-s", "2048"]);
            await ManagedProcess.RunCheckedAsync("dropbearkey", [.. args]);
            return path;
        }
        string[] keygen = name switch
        {
            "ed25519" => ["-t", "ed25519"],
            "ecdsa256" => ["-t", "ecdsa", "-b", "256"],
            "ecdsa384" => ["-t", "ecdsa", "-b", "384"],
            "ecdsa521" => ["-t", "ecdsa", "-b", "521"],
            "rsa" => ["-t", "rsa", "-b", "2048"],
            "rsa-pem" => ["-t", "rsa", "-b", "2048", "-m", "PEM"],
            "rsa-pkcs8" => ["-t", "rsa", "-b", "2048", "-m", "PKCS8"],
            "ecdsa-pem" => ["-t", "ecdsa", "-b", "256", "-m", "PEM"],
            "dsa" => ["-t", "dsa"],
            "ed25519-encrypted" => ["-t", "ed25519"],
            "rsa-pem-encrypted" => ["-t", "rsa", "-b", "2048", "-m", "PEM"],
            _ => throw new ArgumentException($"unknown test key '{name}'", nameof(name)),
        };
        string passphrase = name.EndsWith("-encrypted", StringComparison.Ordinal) ? Passphrase : "";
        await ManagedProcess.RunCheckedAsync("ssh-keygen", [.. keygen, "-q", "-N", passphrase, "-C", $"vty-test-{name}", "-f", path]);
        return path;
    }
}
