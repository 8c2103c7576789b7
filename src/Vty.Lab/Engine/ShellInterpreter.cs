using System.Globalization;
using System.Text;
using Vty.Lab.Profiles.Linux;

namespace Vty.Lab.Engine;

/// <summary>
/// The shell layer of shell profiles: <c>;</c>, <c>&amp;&amp;</c> and <c>||</c> lists, pipelines
/// (each stage sees the previous stage's output as <see cref="LabCommandContext.Input"/>),
/// <c>&gt;</c>/<c>&gt;&gt;</c>/<c>2&gt;</c>/<c>2&gt;&amp;1</c> redirections and <c>$VAR</c> expansion.
/// </summary>
internal static class ShellInterpreter
{
    public static LabOutput Execute(DeviceSession session, string line)
    {
        List<(string Part, string? Operator)> parts = ShellWords.SplitOperators(line, ["&&", "||", ";"]);
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        int status = session.LastExitStatus;
        string? previous = null;
        bool ranAny = false;
        foreach ((string part, string? op) in parts)
        {
            bool skip = (previous == "&&" && status != 0) || (previous == "||" && status == 0);
            previous = op ?? previous;
            if (string.IsNullOrWhiteSpace(part))
            {
                if (op is not null && op != ";" || (op == ";" && !ranAny))
                {
                    string message = $"bash: syntax error near unexpected token `{op}'\n";
                    return new LabOutput { ErrorText = message, ExitStatus = 2, IsError = true };
                }
                continue;
            }
            if (skip)
                continue;
            ranAny = true;
            LabOutput result = RunPipeline(session, part);
            if (parts.Count == 1)
                return result;
            if (result.Question is not null)
                return new LabOutput { Text = stdout + (result.Text ?? ""), Question = result.Question };
            foreach (string l in result.EnumerateLines())
                stdout.Append(l).Append('\n');
            if (result.ErrorText is { } err)
            {
                if (session.Interactive)
                    stdout.Append(err);
                else
                    stderr.Append(err);
            }
            status = result.ExitStatus;
            session.LastExitStatus = status;
            if (session.Closing)
                break;
        }
        return new LabOutput
        {
            Text = stdout.ToString(),
            ErrorText = stderr.Length > 0 ? stderr.ToString() : null,
            ExitStatus = status,
            IsError = status != 0,
        };
    }

    private static LabOutput RunPipeline(DeviceSession session, string text)
    {
        List<(string Part, string? Operator)> stages = ShellWords.SplitOperators(text, ["|"]);
        IReadOnlyList<string>? input = null;
        var stderr = new StringBuilder();
        LabOutput? last = null;
        for (int i = 0; i < stages.Count; i++)
        {
            string expanded = ShellWords.Expand(stages[i].Part, name => Variable(session, name));
            Redirects redirects = ParseRedirects(expanded, out string command);
            if (string.IsNullOrWhiteSpace(command))
                return new LabOutput { ErrorText = "bash: syntax error near unexpected token `|'\n", ExitStatus = 2, IsError = true };
            session.PipeInput = input;
            LabOutput output;
            try
            {
                output = session.ExecuteCli(command, null);
            }
            finally
            {
                session.PipeInput = null;
            }
            if (output.Question is not null || (stages.Count == 1 && redirects.IsEmpty))
                return output;

            List<string> lines = [.. output.EnumerateLines()];
            string? err = output.ErrorText;
            if (redirects.StderrToStdout && err is not null)
            {
                lines.AddRange(LabOutput.Of(err).EnumerateLines());
                err = null;
            }
            if (redirects.DropStderr)
                err = null;
            if (err is not null)
                stderr.Append(err);
            int status = output.ExitStatus;
            if (redirects.StdoutFile is { } file)
            {
                string content = lines.Count == 0 ? "" : string.Join('\n', lines) + (output.EndsWithoutNewline ? "" : "\n");
                LabOutput? failure = Redirect(session, file, content, redirects.Append);
                if (failure is not null)
                {
                    stderr.Append(failure.ErrorText);
                    status = failure.ExitStatus;
                }
                lines = [];
            }
            input = lines;
            last = new LabOutput { Lines = lines, ExitStatus = status, IsError = status != 0 };
        }
        return new LabOutput
        {
            Lines = input ?? [],
            ErrorText = stderr.Length > 0 ? stderr.ToString() : null,
            ExitStatus = last?.ExitStatus ?? 0,
            IsError = (last?.ExitStatus ?? 0) != 0,
        };
    }

    private static LabOutput? Redirect(DeviceSession session, string file, string content, bool append)
    {
        if (file == "/dev/null")
            return null;
        if (session.Profile.ShellRedirect is not { } write)
            return new LabOutput { ErrorText = $"bash: {file}: Read-only file system\n", ExitStatus = 1, IsError = true };
        var context = new LabCommandContext(session, "", new Dictionary<string, string>(), new Dictionary<string, int>());
        lock (session.State.Sync)
            return write(context, file, content, append);
    }

    private sealed class Redirects
    {
        public string? StdoutFile;
        public bool Append;
        public bool DropStderr;
        public bool StderrToStdout;
        public bool IsEmpty => StdoutFile is null && !DropStderr && !StderrToStdout;
    }

    private static Redirects ParseRedirects(string stage, out string command)
    {
        var r = new Redirects();
        List<string> tokens = ShellWords.RawTokens(stage);
        var kept = new List<string>(tokens.Count);
        for (int i = 0; i < tokens.Count; i++)
        {
            string t = tokens[i];
            if (t == "2>&1")
            {
                r.StderrToStdout = true;
                continue;
            }
            string? op = t.StartsWith("2>>", StringComparison.Ordinal) ? "2>>"
                : t.StartsWith("2>", StringComparison.Ordinal) ? "2>"
                : t.StartsWith(">>", StringComparison.Ordinal) ? ">>"
                : t.StartsWith('>') ? ">" : null;
            if (op is null)
            {
                kept.Add(t);
                continue;
            }
            string target = t.Length > op.Length ? t[op.Length..] : i + 1 < tokens.Count ? tokens[++i] : "";
            target = string.Concat(ShellWords.Split(target));
            if (op.StartsWith('2'))
            {
                r.DropStderr = true;
            }
            else
            {
                r.StdoutFile = target;
                r.Append = op == ">>";
            }
        }
        command = string.Join(' ', kept);
        return r;
    }

    private static string? Variable(DeviceSession session, string name) => name switch
    {
        "?" => session.LastExitStatus.ToString(CultureInfo.InvariantCulture),
        "HOME" => session.HomeDirectory,
        "USER" or "LOGNAME" => session.User,
        "HOSTNAME" => session.State.Hostname,
        "PWD" => session.WorkingDirectory,
        "SHELL" => "/bin/bash",
        "PATH" => "/usr/local/bin:/usr/bin:/bin",
        _ => null,
    };
}
