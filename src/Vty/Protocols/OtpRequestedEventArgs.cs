using Vty.Accounts;

namespace Vty.Protocols;

/// <summary>
/// The device asked for an S/Key one-time password. Vty computes the response from the account
/// password unless a handler sets <see cref="Response"/> (for example from a hardware token).
/// </summary>
public sealed class OtpRequestedEventArgs : EventArgs
{
    internal OtpRequestedEventArgs(Account account, int sequence, string seed)
    {
        Account = account;
        Sequence = sequence;
        Seed = seed;
    }

    /// <summary>The account being logged in.</summary>
    public Account Account { get; }

    /// <summary>Sequence number from the challenge.</summary>
    public int Sequence { get; }

    /// <summary>Seed from the challenge.</summary>
    public string Seed { get; }

    /// <summary>Set to answer with this text instead of the computed six words.</summary>
    public string? Response { get; set; }
}
