namespace Vty.Ssh.Transport;

/// <summary>The outcome of one KEXINIT exchange. MACs are null for AEAD ciphers.</summary>
public sealed record NegotiatedAlgorithms(
    string Kex,
    string HostKey,
    string CipherClientToServer,
    string CipherServerToClient,
    string? MacClientToServer,
    string? MacServerToClient)
{
    public override string ToString() =>
        $"kex {Kex}, host key {HostKey}, cipher {CipherClientToServer}/{CipherServerToClient}, mac {MacClientToServer ?? "(aead)"}/{MacServerToClient ?? "(aead)"}";
}
