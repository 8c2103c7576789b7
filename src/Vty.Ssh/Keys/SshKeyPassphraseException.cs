namespace Vty.Ssh.Keys;

/// <summary>An encrypted private key needs a passphrase that was not given, or the given one is wrong.</summary>
public sealed class SshKeyPassphraseException(string message, Exception? inner = null) : SshKeyException(message, inner);
