namespace Vty.Ssh.Keys.Formats;

/// <summary>Recognises a private key file's format from its armor and hands it to the right reader.</summary>
internal static class PrivateKeyParser
{
    public static ParsedPrivateKey Parse(string text, string? passphrase)
    {
        string trimmed = text.TrimStart();
        if (trimmed.StartsWith("PuTTY-User-Key-File", StringComparison.Ordinal))
            throw new SshKeyException("PuTTY .ppk keys are not supported: convert with 'puttygen key.ppk -O private-openssh -o key'");
        if (trimmed.StartsWith("ssh-", StringComparison.Ordinal) || trimmed.StartsWith("ecdsa-", StringComparison.Ordinal))
            throw new SshKeyException("this is a public key (OpenSSH one-line form), not a private key");
        if (trimmed.StartsWith("---- BEGIN SSH2", StringComparison.Ordinal))
            throw new SshKeyException("SSH2 (RFC 4716 / ssh.com) key files are not supported: convert with 'ssh-keygen -i -f key'");
        PemBlock block = PemBlock.Parse(text);
        return block.Label switch
        {
            OpenSshKeyFormat.Label => OpenSshKeyFormat.Read(block.Body, passphrase),
            "PRIVATE KEY" or "ENCRYPTED PRIVATE KEY" => Pkcs8Format.Read(block, passphrase),
            _ when TraditionalPemFormat.Handles(block.Label) => TraditionalPemFormat.Read(block, passphrase),
            _ => throw new SshKeyException($"unsupported key file: '{block.Label}' blocks are not private keys Vty can read (supported: OPENSSH, RSA, EC, DSA PRIVATE KEY, PKCS#8)"),
        };
    }
}
