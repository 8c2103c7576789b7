namespace Vty.Lab.Engine;

/// <summary>
/// One session with an emulated device: its mode stack, paging and terminal settings, and the
/// loop that reads lines, runs commands and prints output and prompts. Interactive sessions run
/// over a stream; exec sessions run one command and collect the output.
/// </summary>
internal sealed partial class DeviceSession
{
    private readonly List<ModeFrame> _modes = new(4);
    private LabCommandContext? _lastContext;

    public DeviceSession(LabDeviceState state, string user, bool interactive)
    {
        State = state;
        User = user;
        Interactive = interactive;
        PageLines = state.Options.PagerLines;
        Paging = interactive && state.Options.PagerLines > 1 && state.Profile.Pager is not null;
        WorkingDirectory = HomeDirectory;
    }

    public LabDeviceState State { get; }
    public DeviceProfile Profile => State.Profile;
    public string User { get; set; }
    public bool Interactive { get; }
    public bool Paging { get; set; }
    public int PageLines { get; set; }
    public int Columns { get; set; } = 80;
    public string[] EditPath { get; set; } = [];
    public string WorkingDirectory { get; set; }
    public int LastExitStatus { get; set; }
    public IReadOnlyList<string>? PipeInput { get; set; }
    public HashSet<string> Flags => _flags ??= new HashSet<string>(StringComparer.Ordinal);
    private HashSet<string>? _flags;
    public int PromptWidth { get; private set; }
    /// <summary>How the session arrived, as IronWare names it in its prompt.</summary>
    public string Via { get; set; } = "SSH";
    /// <summary>Number of the next command line (ExtremeXOS prompts count them).</summary>
    public int CommandNumber { get; set; } = 1;
    public bool Closing { get; private set; }
    public int CloseStatus { get; private set; }
    public string HomeDirectory => User == "root" ? "/root" : "/home/" + User;

    public ModeFrame Current => _modes[^1];

    public void Push(ModeFrame frame) => _modes.Add(frame);

    public void Replace(ModeFrame frame) => _modes[^1] = frame;

    public void Pop()
    {
        _modes.RemoveAt(_modes.Count - 1);
        if (_modes.Count == 0)
            Close(LastExitStatus);
    }

    public void EndConfiguration()
    {
        string? target = Current.Mode.EndMode;
        while (_modes.Count > 1 && Current.Mode.IsConfig)
            _modes.RemoveAt(_modes.Count - 1);
        if (target is not null && Current.Mode.Name != target)
            _modes.Add(new ModeFrame(Profile.GetMode(target), null, null));
        EditPath = [];
    }

    public bool IsInside(string mode)
    {
        for (int i = 0; i < _modes.Count - 1; i++)
        {
            if (_modes[i].Mode.Name == mode)
                return true;
        }
        return false;
    }

    public void Close(int status)
    {
        Closing = true;
        CloseStatus = status;
    }

    public string RenderPrompt()
    {
        ModeFrame f = Current;
        string path = EditPath.Length == 0 ? "" : " " + string.Join(' ', EditPath);
        string prompt = f.Mode.Render(State.Hostname, User, DisplayDirectory(), f.Arg, path, Via, CommandNumber,
                // Comparing the running and saved trees is the costly part of a prompt: only when it shows.
                f.Mode.ShowsUnsaved && State.Unsaved)
            .Replace("{sigil}", User == "root" ? "#" : "$", StringComparison.Ordinal);
        int nl = prompt.LastIndexOf('\n');
        PromptWidth = prompt.Length - nl - 1;
        return prompt;
    }

    private string DisplayDirectory()
    {
        string home = HomeDirectory;
        if (WorkingDirectory == home)
            return "~";
        if (WorkingDirectory.StartsWith(home + "/", StringComparison.Ordinal))
            return "~" + WorkingDirectory[home.Length..];
        return WorkingDirectory;
    }

    /// <summary>Runs one typed line in the current mode and returns what to print.</summary>
    public LabOutput Execute(string line)
    {
        LabOutput output = Profile.ShellSyntax ? ShellInterpreter.Execute(this, line) : ExecuteCli(line, null);
        LastExitStatus = output.ExitStatus;
        return output;
    }

    /// <summary>Runs a line from inside a handler (IOS <c>do</c>, Junos <c>run</c>), optionally in another mode.</summary>
    public LabOutput ExecuteNested(string line, string? mode)
    {
        if (mode is null)
            return Profile.ShellSyntax ? ShellInterpreter.Execute(this, line) : ExecuteCli(line, null);
        _modes.Add(new ModeFrame(Profile.GetMode(mode), null, null));
        int depth = _modes.Count;
        try
        {
            return ExecuteCli(line, null);
        }
        finally
        {
            // A nested command must not change the caller's mode (e.g. "do configure terminal").
            if (_modes.Count >= depth)
                _modes.RemoveRange(depth - 1, _modes.Count - depth + 1);
        }
    }

    /// <summary>Runs one simple command (no shell operators) through the command table and output modifiers.</summary>
    public LabOutput ExecuteCli(string line, IReadOnlyList<LabCommand>? onlyCommands)
    {
        if (string.IsNullOrWhiteSpace(line))
            return LabOutput.None;
        int pipe = Profile.ShellSyntax ? -1 : FindPipe(line);
        string commandPart = pipe < 0 ? line : line[..pipe];

        ModeCommands table = ModeCommands.For(onlyCommands ?? Profile.Commands, Current.Mode.Name);
        foreach (LabCommand c in table.Regex)
        {
            if (RegexCommand(c, c.Pattern!, commandPart) is { } regexOutput)
                return pipe >= 0 && regexOutput.Question is null ? ApplyFilters(regexOutput, line, pipe) : regexOutput;
        }
        LabCommand[] commands = table.Keyword;
        IReadOnlyList<IReadOnlyList<LabSyntaxElement>> syntaxes = table.Syntaxes;
        IReadOnlyList<bool> hidden = table.Hidden;
        CommandLineParser.Result parsed = CommandLineParser.Parse(commandPart, syntaxes, hidden, Profile.Abbreviations, Profile.CanonicalInterface);
        if (parsed.Matched is null)
            return FormatError(parsed, commandPart, 0);

        var context = new LabCommandContext(this, commandPart, parsed.Matched.Args, parsed.Matched.ArgColumns);
        _lastContext = context;
        LabOutput output;
        lock (State.Sync)
        {
            // Configuration handlers edit the running tree in place; compare to stamp the change time.
            ConfigNode? before = Current.Mode.IsConfig && State.Candidate is null ? State.Running.Clone() : null;
            output = commands[parsed.Matched.Index].Handler(context);
            if (before is not null && !before.SameAs(State.Running))
                State.MarkChanged();
        }

        if (pipe >= 0 && output.Question is null)
            output = ApplyFilters(output, line, pipe);
        return output;
    }

    private LabOutput? RegexCommand(LabCommand command, System.Text.RegularExpressions.Regex pattern, string line)
    {
        string trimmed = line.Trim();
        System.Text.RegularExpressions.Match m = pattern.Match(trimmed);
        if (!m.Success || m.Index != 0 || m.Length != trimmed.Length)
            return null;
        var args = new Dictionary<string, string>(StringComparer.Ordinal);
        var columns = new Dictionary<string, int>(StringComparer.Ordinal);
        int lead = line.Length - line.TrimStart().Length;
        foreach (System.Text.RegularExpressions.Group g in m.Groups)
        {
            if (g.Success && !int.TryParse(g.Name, out _))
            {
                args[g.Name] = g.Value;
                columns[g.Name] = lead + g.Index;
            }
        }
        var context = new LabCommandContext(this, trimmed, args, columns);
        _lastContext = context;
        lock (State.Sync)
            return command.Handler(context);
    }

    private LabOutput FormatError(CommandLineParser.Result parsed, string line, int offset)
    {
        LabParseErrorKind kind = parsed.Error ?? LabParseErrorKind.InvalidInput;
        string token = "";
        int column = line.TrimEnd().Length;
        if (parsed.ErrorToken < parsed.Tokens.Count)
        {
            token = parsed.Tokens[parsed.ErrorToken].Text;
            column = parsed.Tokens[parsed.ErrorToken].Column;
        }
        if (kind == LabParseErrorKind.Incomplete)
            column = line.TrimEnd().Length + 1;
        string fullLine = offset == 0 ? line : new string(' ', offset) + line;
        return Profile.Errors.Format(new LabParseError(kind, fullLine, token, column + offset, Interactive ? PromptWidth : 0));
    }

    private LabOutput ApplyFilters(LabOutput output, string line, int pipe)
    {
        IEnumerable<string> lines = output.EnumerateLines();
        bool noPaging = output.NoPaging;
        var syntaxes = new List<IReadOnlyList<LabSyntaxElement>>(Profile.Filters.Count);
        var hidden = new List<bool>(Profile.Filters.Count);
        foreach (LabPipeFilter f in Profile.Filters)
        {
            syntaxes.Add(f.Elements);
            hidden.Add(false);
        }
        while (pipe >= 0)
        {
            int next = Profile.ChainFilters ? FindPipe(line, pipe + 1) : -1;
            string part = next < 0 ? line[(pipe + 1)..] : line[(pipe + 1)..next];
            CommandLineParser.Result parsed = CommandLineParser.Parse(part, syntaxes, hidden, Profile.Abbreviations, Profile.CanonicalInterface);
            if (parsed.Matched is null)
            {
                if (parsed.Error == LabParseErrorKind.UnknownCommand)
                    parsed = parsed with { Error = LabParseErrorKind.InvalidInput };
                return FormatError(parsed, part, pipe + 1);
            }
            LabPipeFilter filter = Profile.Filters[parsed.Matched.Index];
            var context = new LabCommandContext(this, part, parsed.Matched.Args, parsed.Matched.ArgColumns);
            lock (State.Sync)
                lines = filter.Apply(lines, context);
            noPaging |= filter.DisablesPaging;
            pipe = next;
        }
        return new LabOutput
        {
            Lines = lines,
            ErrorText = output.ErrorText,
            ExitStatus = output.ExitStatus,
            IsError = output.IsError,
            NoPaging = noPaging,
        };
    }

    private static int FindPipe(string line, int from = 0)
    {
        bool quoted = false;
        for (int i = from; i < line.Length; i++)
        {
            if (line[i] == '"')
                quoted = !quoted;
            else if (line[i] == '|' && !quoted)
                return i;
        }
        return -1;
    }

    /// <summary>Answers a pending question with the given answer.</summary>
    public LabOutput Answer(LabQuestion question, string answer)
    {
        LabCommandContext context = _lastContext ?? new LabCommandContext(this, "", new Dictionary<string, string>(), new Dictionary<string, int>());
        LabOutput output;
        lock (State.Sync)
            output = question.OnAnswer(answer, context);
        LastExitStatus = output.ExitStatus;
        return output;
    }
}
