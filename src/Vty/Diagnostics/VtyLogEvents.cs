using Microsoft.Extensions.Logging;

namespace Vty.Diagnostics;

/// <summary>Event ids of Vty's own log lines, for filtering (ids 1000-1099 fleet, 1100-1199 sessions).</summary>
public static class VtyLogEvents
{
    /// <summary>A fleet host's attempt started.</summary>
    public static readonly EventId HostStarted = new(1000, nameof(HostStarted));

    /// <summary>A fleet host finished (its status and time).</summary>
    public static readonly EventId HostFinished = new(1001, nameof(HostFinished));

    /// <summary>A fleet host failed transiently and will be tried again.</summary>
    public static readonly EventId HostRetry = new(1002, nameof(HostRetry));

    /// <summary>A session is connecting.</summary>
    public static readonly EventId Connecting = new(1100, nameof(Connecting));

    /// <summary>A session's transport is open.</summary>
    public static readonly EventId Connected = new(1101, nameof(Connected));

    /// <summary>A session could not connect.</summary>
    public static readonly EventId ConnectFailed = new(1102, nameof(ConnectFailed));

    /// <summary>A session logged in.</summary>
    public static readonly EventId LoggedIn = new(1103, nameof(LoggedIn));
}
