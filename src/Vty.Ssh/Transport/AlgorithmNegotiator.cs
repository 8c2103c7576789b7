using Vty.Ssh.Algorithms;

namespace Vty.Ssh.Transport;

/// <summary>
/// Picks algorithms from both KEXINITs (RFC 4253 §7.1: the first of the client's list the server
/// also has) and explains failures: which category, both offers, and how to enable a legacy match.
/// </summary>
public static class AlgorithmNegotiator
{
    /// <summary>Names that signal extensions in the kex list and are never key exchange methods.</summary>
    public static bool IsPseudoKex(string name) =>
        name is "ext-info-c" or "ext-info-s" or "kex-strict-c-v00@openssh.com" or "kex-strict-s-v00@openssh.com"
        || name.StartsWith("kexguess2@", StringComparison.Ordinal);

    /// <summary>Negotiates every category; throws <see cref="SshAlgorithmNegotiationException"/> on the first without a match.</summary>
    public static NegotiatedAlgorithms Negotiate(KexInitMessage client, KexInitMessage server)
    {
        string kex = Pick("key exchange algorithm", "KexAlgorithms", SshAlgorithms.DefaultKex, SshAlgorithms.LegacyKex,
            client.KexAlgorithms.Where(n => !IsPseudoKex(n)).ToList(), server.KexAlgorithms.Where(n => !IsPseudoKex(n)).ToList());
        string hostKey = Pick("host key algorithm", "HostKeyAlgorithms", SshAlgorithms.DefaultHostKey, SshAlgorithms.LegacyHostKey,
            client.HostKeyAlgorithms, server.HostKeyAlgorithms);
        string c2s = Pick("cipher (client to server)", "Ciphers", SshAlgorithms.DefaultCiphers, SshAlgorithms.LegacyCiphers,
            client.CiphersClientToServer, server.CiphersClientToServer);
        string s2c = Pick("cipher (server to client)", "Ciphers", SshAlgorithms.DefaultCiphers, SshAlgorithms.LegacyCiphers,
            client.CiphersServerToClient, server.CiphersServerToClient);
        string? macC2s = PacketProtection.GetCipher(c2s).IsAead ? null
            : Pick("MAC (client to server)", "MACs", SshAlgorithms.DefaultMacs, SshAlgorithms.LegacyMacs, client.MacsClientToServer, server.MacsClientToServer);
        string? macS2c = PacketProtection.GetCipher(s2c).IsAead ? null
            : Pick("MAC (server to client)", "MACs", SshAlgorithms.DefaultMacs, SshAlgorithms.LegacyMacs, client.MacsServerToClient, server.MacsServerToClient);
        Pick("compression", "Compression", ["none"], [], client.CompressionClientToServer, server.CompressionClientToServer);
        Pick("compression", "Compression", ["none"], [], client.CompressionServerToClient, server.CompressionServerToClient);
        return new NegotiatedAlgorithms(kex, hostKey, c2s, s2c, macC2s, macS2c);
    }

    private static string Pick(string category, string option, IReadOnlyList<string> implemented, IReadOnlyList<string> legacy,
        IReadOnlyList<string> clientOffer, IReadOnlyList<string> serverOffer)
    {
        foreach (string name in clientOffer)
            if (serverOffer.Contains(name, StringComparer.Ordinal))
                return name;
        throw new SshAlgorithmNegotiationException(category, clientOffer, serverOffer, Hint(option, implemented, legacy, serverOffer));
    }

    private static string Hint(string option, IReadOnlyList<string> implemented, IReadOnlyList<string> legacy, IReadOnlyList<string> serverOffer)
    {
        // Vty has the server's algorithm among its defaults: only the configured list kept it out.
        var excluded = serverOffer.Where(n => implemented.Contains(n, StringComparer.Ordinal)).ToList();
        if (excluded.Count > 0)
            return $"Vty supports the server's {string.Join(", ", excluded)}, but the allowed {option} list excludes " +
                (excluded.Count == 1 ? "it" : "them") + $": add it with -o {option}=+{excluded[0]} (or leave {option} unset to use the defaults)";
        string? match = serverOffer.FirstOrDefault(n => legacy.Contains(n, StringComparer.Ordinal));
        if (match != null)
            return $"the server only offers legacy algorithms: enable it with Legacy = true or -o {option}=+{match} (vty --legacy)";
        return $"Vty implements none of the server's {option}; add one it supports with -o {option}=+NAME if Vty knows it";
    }
}
