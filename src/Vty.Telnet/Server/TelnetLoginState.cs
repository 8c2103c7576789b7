namespace Vty.Telnet;

/// <summary>
/// Where one server connection stands with its login: still logging in (counted against
/// MaxStartups and under the login grace time), logged in, expired, or ended. Transitions are
/// atomic so the handler's "logged in" and the grace timer cannot both win.
/// </summary>
internal sealed class TelnetLoginState(Action leftStartup)
{
    private const int LoggingIn = 0;
    private const int LoggedIn = 1;
    private const int Expired = 2;
    private const int Ended = 3;

    private int _state;

    /// <summary>True once the grace time ran out before the handler reported a login.</summary>
    public bool HasExpired => Volatile.Read(ref _state) == Expired;

    /// <summary>The handler reports a login; ignored after expiry or a previous call.</summary>
    public void MarkLoggedIn()
    {
        if (Interlocked.CompareExchange(ref _state, LoggedIn, LoggingIn) == LoggingIn) leftStartup();
    }

    /// <summary>The grace time ran out: true when the connection was still logging in and must now be closed.</summary>
    public bool TryExpire() => Interlocked.CompareExchange(ref _state, Expired, LoggingIn) == LoggingIn;

    /// <summary>The connection is closed; it stops counting as a startup if it still did.</summary>
    public void End()
    {
        int previous = Interlocked.Exchange(ref _state, Ended);
        if (previous is LoggingIn or Expired) leftStartup();
    }
}
