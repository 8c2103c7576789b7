namespace Vty.Drivers;

/// <summary>Which text an <see cref="OsGuessSignal"/> looks at.</summary>
public enum OsGuessSource
{
    /// <summary>The cleaned login transcript: banner, login dialog and the first prompt.</summary>
    Transcript,

    /// <summary>The SSH server's version string, e.g. <c>SSH-2.0-Cisco-1.25</c>.</summary>
    RemoteVersion,
}
