namespace Vty.Protocols;

/// <summary>How a session's driver was chosen.</summary>
public enum DriverSelectionMethod
{
    /// <summary>Named by the caller (<c>--driver</c>, <see cref="ProtocolOptions.Driver"/>, the URL's <c>driver=</c>, the inventory).</summary>
    Named,

    /// <summary>Guessed from the login transcript (banner, dialog, first prompt) and the SSH server version.</summary>
    Passive,

    /// <summary>Guessed after asking the device (a bare Enter, <c>show version</c>, …).</summary>
    Probed,

    /// <summary>Nothing was conclusive: the generic driver.</summary>
    Fallback,
}

/// <summary>The session's driver and why it was chosen, for results and logs.</summary>
/// <param name="Driver">The driver's name.</param>
/// <param name="Method">How it was chosen.</param>
/// <param name="Confidence">The guess's confidence (0-100; 100 when named).</param>
/// <param name="Reason">One line for people: the signals that matched and the probes that were sent.</param>
public sealed record DriverSelection(string Driver, DriverSelectionMethod Method, int Confidence, string Reason);
