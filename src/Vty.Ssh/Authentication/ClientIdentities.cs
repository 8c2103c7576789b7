using Microsoft.Extensions.Logging;
using Vty.Ssh.Authentication.Agent;
using Vty.Ssh.Keys;
using Vty.Ssh.Keys.Certificates;

namespace Vty.Ssh.Authentication;

/// <summary>
/// Puts the keys of <see cref="SshClientOptions.PrivateKeys"/>, the certificates of
/// <see cref="SshClientOptions.Certificates"/> and the agent's identities in the order OpenSSH's ssh
/// tries them (checked against ssh -v): key files (each followed by its certificates) that the agent
/// also holds first, in the agent's order; then the agent's other identities (not with IdentitiesOnly);
/// then the remaining files. A certificate signs with its own key wherever that is: a key file or the agent.
/// </summary>
internal static class ClientIdentities
{
    public static IReadOnlyList<ClientIdentity> Order(SshClientOptions options, IReadOnlyList<SshAgentIdentity> agentIdentities,
        SshAgentClient? agent, ILogger log)
    {
        var files = new List<ClientIdentity>();
        var pendingCertificates = new List<SshPublicKey>();
        foreach (SshPrivateKey key in options.PrivateKeys)
        {
            files.Add(FromKey(key.PublicKey, key, "key " + key.PublicKey.Sha256Fingerprint));
            foreach (SshPublicKey certificate in options.Certificates.Where(c => c.Certificate?.Key.Equals(key.PublicKey) == true))
                files.Add(FromKey(certificate, key, "certificate " + certificate.Certificate!.KeyId));
        }
        foreach (SshPublicKey certificate in options.Certificates)
        {
            if (certificate.Certificate is not { } cert)
                throw new ArgumentException($"Certificates holds {certificate.KeyType} key {certificate.Sha256Fingerprint}, which is not a certificate", nameof(options));
            if (cert.Kind != SshCertificateKind.User)
                log.LogDebug("certificate {Id} is a host certificate; not offered for user authentication", cert.KeyId);
            else if (!files.Any(f => f.Key.Equals(certificate))) pendingCertificates.Add(certificate);
        }

        var ordered = new List<ClientIdentity>();
        var agentOnly = new List<ClientIdentity>();
        foreach (SshAgentIdentity held in agentIdentities)
        {
            int index = files.FindIndex(f => f.Key.Equals(held.Key));
            if (index >= 0)
            {
                ordered.Add(files[index]);
                files.RemoveAt(index);
            }
            else if (!options.IdentitiesOnly)
            {
                agentOnly.Add(FromAgent(held.Key, agent!, $"agent: {Describe(held)}"));
            }
        }
        ordered.AddRange(agentOnly);
        ordered.AddRange(files);

        foreach (SshPublicKey certificate in pendingCertificates)
        {
            // The certificate's key may be in a key file or only in the agent (the usual case for short-lived certificates).
            SshPrivateKey? key = options.PrivateKeys.FirstOrDefault(k => k.PublicKey.Equals(certificate.Certificate!.Key));
            if (key != null) ordered.Add(FromKey(certificate, key, "certificate " + certificate.Certificate!.KeyId));
            else if (agentIdentities.Any(a => a.Key.Equals(certificate.Certificate!.Key)))
                ordered.Add(FromAgent(certificate.Certificate!.Key, agent!, "certificate " + certificate.Certificate!.KeyId + " (key in the agent)", certificate));
            else
                log.LogDebug("certificate {Id} ({Fingerprint}): neither a key file nor the agent holds its key; not offered",
                    certificate.Certificate!.KeyId, certificate.Certificate.Key.Sha256Fingerprint);
        }
        return ordered;
    }

    private static string Describe(SshAgentIdentity held) =>
        held.Key.Certificate is { } cert ? $"certificate {cert.KeyId}" : $"{held.Key.KeyType} {held.Key.Sha256Fingerprint} {held.Comment}".TrimEnd();

    // Ed25519 and ECDSA keys in memory sign in tens of microseconds: cheaper than the query's round
    // trip, so they sign at once (as paramiko and SSH.NET always do). RSA and DSA keep the query.
    private static ClientIdentity FromKey(SshPublicKey offered, SshPrivateKey key, string source) =>
        new(offered, source, (algorithm, data, _) => ValueTask.FromResult(key.Sign(SshCertificateAlgorithms.Plain(algorithm), data.Span)),
            QueryFirst: key.PublicKey.KeyType is "ssh-rsa" or "ssh-dss");

    // signingKey: what the agent is asked to sign with (the plain key of a certificate it does not hold itself).
    private static ClientIdentity FromAgent(SshPublicKey signingKey, SshAgentClient agent, string source, SshPublicKey? offered = null) =>
        new(offered ?? signingKey, source, async (algorithm, data, ct) => await agent.SignAsync(signingKey, data, algorithm, ct));
}
