namespace Vty.Lab;

/// <summary>
/// The state of one emulated device, shared by all its sessions: host name, running, startup and
/// candidate configurations, commit history, and profile-specific extras. Handlers run under
/// <see cref="Sync"/>, so they may read and change it freely.
/// </summary>
public sealed class LabDeviceState
{
    /// <summary>Lines kept in <see cref="CommandLog"/>; older ones are dropped.</summary>
    public const int CommandLogLimit = 10_000;

    private readonly Queue<string> _commandLog = new();
    private readonly System.Diagnostics.Stopwatch _sinceBoot = System.Diagnostics.Stopwatch.StartNew();
    private Dictionary<string, object>? _extras;
    private ConfigNode? _running;

    internal LabDeviceState(DeviceProfile profile, LabDeviceOptions options)
    {
        Profile = profile;
        Options = options;
        Hostname = string.IsNullOrEmpty(options.Hostname) ? profile.DefaultHostname : options.Hostname;
    }

    /// <summary>The device's profile.</summary>
    public DeviceProfile Profile { get; }

    /// <summary>The device's options.</summary>
    public LabDeviceOptions Options { get; }

    /// <summary>Lock held while a handler runs.</summary>
    public object Sync { get; } = new();

    /// <summary>Current host name (prompts follow it).</summary>
    public string Hostname { get; set; }

    /// <summary>Running (committed) configuration, built from the profile on first use.</summary>
    public ConfigNode Running
    {
        get
        {
            if (_running is null)
            {
                _running = Profile.InitialConfig?.Invoke(this) ?? new ConfigNode("");
                _bootConfig = _running.Clone();
            }
            return _running;
        }
        set => _running = value;
    }

    private ConfigNode? _bootConfig;

    /// <summary>
    /// True while the running configuration differs from the saved one (the startup configuration,
    /// or the one the device booted with until the first save): SR OS and ExtremeXOS star their prompt.
    /// </summary>
    public bool Unsaved
    {
        get
        {
            ConfigNode running = Running;
            ConfigNode? saved = Startup ?? _bootConfig;
            return saved is not null && !saved.SameAs(running);
        }
    }

    /// <summary>Startup configuration; null until first saved (then <c>show startup-config</c> shows it).</summary>
    public ConfigNode? Startup { get; set; }

    /// <summary>Candidate configuration of commit-based OSes; null when no change is pending.</summary>
    public ConfigNode? Candidate { get; set; }

    /// <summary>Commits made so far, oldest first.</summary>
    public List<LabCommit> Commits { get; } = [];

    /// <summary>Running configurations before each commit, newest last (rollback targets).</summary>
    public List<ConfigNode> Rollbacks { get; } = [];

    /// <summary>A <c>commit confirmed</c> waiting for confirmation, or null.</summary>
    public CancellationTokenSource? PendingConfirm { get; set; }

    /// <summary>The device clock: <see cref="LabDeviceOptions.Clock"/>, moving on from it when <see cref="LabDeviceOptions.ClockRuns"/>.</summary>
    public DateTimeOffset Now => Options.ClockRuns ? Options.Clock + _sinceBoot.Elapsed : Options.Clock;

    /// <summary>When the running configuration last changed (device clock); the device's boot time until then.</summary>
    public DateTimeOffset LastChange => _lastChange ?? Options.Clock;

    private DateTimeOffset? _lastChange;

    /// <summary>Records that the running configuration changed now (prompts "Last configuration change at").</summary>
    public void MarkChanged() => _lastChange = Now;

    /// <summary>
    /// The uptime to print: <paramref name="atClock"/> is the uptime the profile shows at
    /// <see cref="LabDeviceOptions.Clock"/>; a running clock adds the time since the device started.
    /// </summary>
    public TimeSpan Uptime(TimeSpan atClock) => atClock + (Now - Options.Clock);

    /// <summary>
    /// Every command line the device received after login, over every session and exec, oldest first
    /// (the last <see cref="CommandLogLimit"/>). Login dialogs and passwords are never logged.
    /// </summary>
    public IReadOnlyList<string> CommandLog
    {
        get
        {
            lock (_commandLog)
                return _commandLog.ToArray();
        }
    }

    internal void LogCommand(string line)
    {
        lock (_commandLog)
        {
            if (_commandLog.Count >= CommandLogLimit)
                _commandLog.Dequeue();
            _commandLog.Enqueue(line);
        }
    }

    /// <summary>Profile-specific state (e.g. the Linux file system), created on first use.</summary>
    public T Extra<T>(string key, Func<T> create) where T : class
    {
        _extras ??= new Dictionary<string, object>(StringComparer.Ordinal);
        if (_extras.TryGetValue(key, out object? v))
            return (T)v;
        T created = create();
        _extras[key] = created;
        return created;
    }
}
