namespace Vty.Ssh.Algorithms;

/// <summary>
/// What the transport needs to know about a MAC: key length for key derivation, bytes it adds to
/// each packet, whether it is an encrypt-then-MAC (-etm@openssh.com) variant and whether it is
/// only offered in legacy mode.
/// </summary>
public sealed record MacInfo(string Name, int KeyLength, int OutputLength, bool EncryptThenMac, bool IsLegacy);
