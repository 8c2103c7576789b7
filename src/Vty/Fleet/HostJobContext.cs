using Vty.Inventory;

namespace Vty.Fleet;

/// <summary>What a <see cref="HostJob"/> sees of the run: its host, the attempt, a transcript, and where outputs go.</summary>
public sealed class HostJobContext
{
    private readonly List<CommandOutput> _results = [];
    private readonly Lock _gate = new();
    private volatile bool _deliveryStarted;

    internal HostJobContext(InventoryHost host, int attempt, TextWriter transcript)
    {
        Host = host;
        Attempt = attempt;
        Transcript = transcript;
    }

    /// <summary>The host this job runs on.</summary>
    public InventoryHost Host { get; }

    /// <summary>1 for the first attempt, 2 for the first retry, …</summary>
    public int Attempt { get; }

    /// <summary>
    /// Per-host session transcript (a file in the output folder, or a null writer). Write what the
    /// device printed; never a secret.
    /// </summary>
    public TextWriter Transcript { get; }

    /// <summary>The driver used, reported in the result (set it once known).</summary>
    public string? Driver { get; set; }

    /// <summary>How the driver was chosen (named, guessed, probed, fallback), or null when unknown.</summary>
    public Protocols.DriverSelectionMethod? DriverMethod { get; set; }

    /// <summary>Why the driver was chosen (named, guessed from the login transcript, found by probing), or null.</summary>
    public string? DriverReason { get; set; }

    /// <summary>
    /// True once the job said it is about to send its first command or configuration line
    /// (<see cref="MarkDeliveryStarted"/>). From then on a failure is reported as it is, never
    /// retried, so a device never receives the same change twice.
    /// </summary>
    public bool DeliveryStarted => _deliveryStarted;

    /// <summary>
    /// Call just before the first command or configuration line goes to the device (after connect,
    /// login and enable). The ready-made jobs (<see cref="FleetJobs"/>, task jobs) do; a custom job
    /// that does not call it is retried on any transient failure, wherever it happened.
    /// </summary>
    public void MarkDeliveryStarted() => _deliveryStarted = true;

    /// <summary>Records one command's output.</summary>
    public void AddResult(string command, string output, TimeSpan elapsed = default)
    {
        lock (_gate)
            _results.Add(new CommandOutput(command, output, elapsed));
    }

    /// <summary>Records one command's result as built by the job (e.g. with parsed rows).</summary>
    public void AddResult(CommandOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        lock (_gate)
            _results.Add(output);
    }

    internal IReadOnlyList<CommandOutput> SnapshotResults()
    {
        lock (_gate)
            return _results.ToArray();
    }
}
