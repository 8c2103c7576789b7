namespace Vty.Fleet;

/// <summary>
/// The work done on one host. It records outputs through <paramref name="context"/> and signals
/// failure by throwing; it must honour <paramref name="cancellationToken"/> (the host's timeout
/// and the run's Ctrl-C), though the runner never waits past them even when it does not.
/// </summary>
public delegate Task HostJob(HostJobContext context, CancellationToken cancellationToken);
