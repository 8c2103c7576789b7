namespace Vty.Ssh.Keys;

/// <summary>An encrypted private key needs a passphrase that was not given, or the given one is wrong.</summary>
public sealed class SshKeyPassphraseException(string message, Exception? inner = null) : SshKeyException(message, inner)
{
    // Where a passphrase comes from, so the message says what to do (never the passphrase itself).
    private const string PassphraseSources =
        "the passphrase argument of SshPrivateKey.FromFile/Parse; the vty tool and inventories read it from VTY_KEY_PASSPHRASE or the host's key_passphrase_env";

    /// <summary>The key is encrypted and no passphrase was given.</summary>
    internal static SshKeyPassphraseException Missing() =>
        new($"the private key is encrypted: a passphrase is needed to use it ({PassphraseSources})");

    /// <summary>The given passphrase does not decrypt the key.</summary>
    internal static SshKeyPassphraseException Wrong(Exception? inner = null, string what = "the private key could not be decrypted") =>
        new($"wrong passphrase: {what}; check the passphrase given ({PassphraseSources})", inner);
}
