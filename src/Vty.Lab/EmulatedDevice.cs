using Vty.Lab.Engine;

namespace Vty.Lab;

/// <summary>
/// One emulated device. Its state (host name, running configuration, commits, files) is shared by
/// all its sessions; each session keeps only its own mode, paging and terminal settings. No thread
/// is held per session: everything is asynchronous on the caller's stream.
/// </summary>
public sealed class EmulatedDevice
{
    /// <summary>Creates a device from a (shared) profile and its own options.</summary>
    public EmulatedDevice(DeviceProfile profile, LabDeviceOptions options)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(options);
        Profile = profile;
        Options = options.Clone();
        State = new LabDeviceState(profile, Options);
    }

    /// <summary>The profile.</summary>
    public DeviceProfile Profile { get; }

    /// <summary>A copy of the options the device was created with.</summary>
    public LabDeviceOptions Options { get; }

    /// <summary>The shared device state (configuration, host name…).</summary>
    public LabDeviceState State { get; }

    /// <summary>Current host name.</summary>
    public string Hostname => State.Hostname;

    /// <summary>
    /// Runs an interactive session over a duplex byte stream (a Telnet connection, an SSH shell
    /// channel, or an <see cref="InMemoryDuplex"/> end): banner, login dialog unless
    /// <see cref="LabSessionStart.PreAuthenticated"/>, then prompts and commands until the user
    /// leaves, the peer closes the stream, or <paramref name="ct"/> is cancelled. The session owns
    /// the stream and disposes it at the end (the peer sees end-of-stream). Returns the exit status
    /// (Linux <c>exit N</c>; 0 otherwise).
    /// </summary>
    public async Task<int> RunSessionAsync(Stream stream, LabSessionStart start, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(stream);
        ArgumentNullException.ThrowIfNull(start);
        var session = new DeviceSession(State, start.User ?? Options.Username, interactive: true);
        try
        {
            return await session.RunAsync(stream, start, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The peer closed its end while we were writing: the session is over either way.
            return 1;
        }
        finally
        {
            await stream.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs one command without a dialog, as SSH exec does (<c>ssh router 'show version'</c>), in
    /// the profile's exec mode, without paging. Questions a command would ask take their default.
    /// </summary>
    public Task<LabExecResult> ExecAsync(string command, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(command);
        ct.ThrowIfCancellationRequested();
        if (Options.Fault is LabFault.HangBeforeBanner or LabFault.HangAfterLogin or LabFault.EndlessOutput or LabFault.NulFlood)
            return HangAsync(ct);
        if (Options.Fault == LabFault.DropAfterLogin)
            throw new IOException($"The emulated device '{Hostname}' dropped the connection (fault {Options.Fault}).");
        State.LogCommand(command);
        var session = new DeviceSession(State, Options.Username, interactive: false);
        return Task.FromResult(session.RunExec(command, ct));
    }

    private static async Task<LabExecResult> HangAsync(CancellationToken ct)
    {
        await Task.Delay(Timeout.Infinite, ct).ConfigureAwait(false);
        throw new OperationCanceledException(ct);
    }
}
