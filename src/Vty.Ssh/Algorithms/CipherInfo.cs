namespace Vty.Ssh.Algorithms;

/// <summary>
/// What the transport needs to know about a cipher: key and IV lengths for key derivation
/// (RFC 4253 §7.2), its block size, whether it authenticates on its own (then the negotiated MAC
/// is ignored) and whether it is only offered in legacy mode.
/// </summary>
public sealed record CipherInfo(string Name, int KeyLength, int IvLength, int BlockSize, bool IsAead, bool IsLegacy);
