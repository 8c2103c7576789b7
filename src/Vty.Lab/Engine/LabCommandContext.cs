using Vty.Lab.Engine;

namespace Vty.Lab;

/// <summary>What a command handler sees: its arguments, the session (mode, paging, user) and the device state.</summary>
public sealed class LabCommandContext
{
    private readonly DeviceSession _session;
    private readonly IReadOnlyDictionary<string, string> _args;
    private readonly IReadOnlyDictionary<string, int> _argColumns;

    internal LabCommandContext(DeviceSession session, string line, IReadOnlyDictionary<string, string> args, IReadOnlyDictionary<string, int> argColumns)
    {
        _session = session;
        Line = line;
        _args = args;
        _argColumns = argColumns;
    }

    /// <summary>The device state (locked while the handler runs).</summary>
    public LabDeviceState Device => _session.State;

    /// <summary>The profile.</summary>
    public DeviceProfile Profile => _session.State.Profile;

    /// <summary>The command line as typed (without output modifiers).</summary>
    public string Line { get; }

    /// <summary>An argument's value ("" when absent).</summary>
    public string Arg(string name) => _args.TryGetValue(name, out string? v) ? v : "";

    /// <summary>True when the argument is present and not empty.</summary>
    public bool HasArg(string name) => _args.TryGetValue(name, out string? v) && v.Length > 0;

    /// <summary>The logged-in user.</summary>
    public string User => _session.User;

    /// <summary>Current mode name.</summary>
    public string Mode => _session.Current.Mode.Name;

    /// <summary>Current mode's argument (e.g. the interface name).</summary>
    public string? ModeArg => _session.Current.Arg;

    /// <summary>The configuration node the current mode edits.</summary>
    public ConfigNode? ModeNode => _session.Current.Node;

    /// <summary>True for interactive sessions, false for SSH exec.</summary>
    public bool IsInteractive => _session.Interactive;

    /// <summary>Whether long output stops at the pager prompt.</summary>
    public bool Paging { get => _session.Paging; set => _session.Paging = value; }

    /// <summary>Lines per page.</summary>
    public int PageLines { get => _session.PageLines; set => _session.PageLines = value; }

    /// <summary>Terminal width.</summary>
    public int Columns { get => _session.Columns; set => _session.Columns = value; }

    /// <summary>Junos edit path (words), empty at the top of the hierarchy.</summary>
    public IReadOnlyList<string> EditPath { get => _session.EditPath; set => _session.EditPath = [.. value]; }

    /// <summary>Linux working directory (absolute).</summary>
    public string WorkingDirectory { get => _session.WorkingDirectory; set => _session.WorkingDirectory = value; }

    /// <summary>Exit status of the previous command (Linux <c>$?</c>).</summary>
    public int LastExitStatus => _session.LastExitStatus;

    /// <summary>Lines piped into the command by a shell pipeline, or null when stdin is the terminal.</summary>
    public IReadOnlyList<string>? Input => _session.PipeInput;

    /// <summary>Per-session flags a profile keeps (e.g. sudo's cached credentials).</summary>
    public ISet<string> SessionFlags => _session.Flags;

    /// <summary>Changes the session's user (Linux <c>sudo -i</c>, <c>su</c>).</summary>
    public void SwitchUser(string user) => _session.User = user;

    /// <summary>Enters a mode on top of the current one.</summary>
    public void EnterMode(string mode, string? arg = null, ConfigNode? node = null) =>
        _session.Push(new ModeFrame(Profile.GetMode(mode), arg, node));

    /// <summary>Replaces the current mode (e.g. <c>interface X</c> typed inside another interface).</summary>
    public void ReplaceMode(string mode, string? arg = null, ConfigNode? node = null)
    {
        _session.Replace(new ModeFrame(Profile.GetMode(mode), arg, node));
    }

    /// <summary>Leaves the current mode; leaving the last one ends the session.</summary>
    public void ExitMode() => _session.Pop();

    /// <summary>Leaves configuration modes altogether (<c>end</c>, Ctrl-Z).</summary>
    public void EndConfiguration() => _session.EndConfiguration();

    /// <summary>True when the mode stack holds <paramref name="mode"/> below the current one.</summary>
    public bool IsInside(string mode) => _session.IsInside(mode);

    /// <summary>Ends the session after this command with the given exit status.</summary>
    public void CloseSession(int exitStatus = 0) => _session.Close(exitStatus);

    /// <summary>The OS's "invalid input" error pointing at an argument.</summary>
    public LabOutput Invalid(string argName)
    {
        int column = _argColumns.TryGetValue(argName, out int c) ? c : 0;
        string token = Arg(argName);
        return Profile.Errors.Format(new LabParseError(LabParseErrorKind.InvalidInput, Line, token, column, _session.PromptWidth));
    }

    /// <summary>Runs another command line in this session, optionally as if in another mode (<c>do</c>, <c>run</c>).</summary>
    public LabOutput Run(string line, string? mode = null) => _session.ExecuteNested(line, mode);
}
