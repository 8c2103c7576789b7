using System.Text;

namespace Vty.Lab.Engine;

internal sealed partial class DeviceSession
{
    /// <summary>Runs one command without a terminal (SSH exec) and collects stdout, stderr and the exit status.</summary>
    public LabExecResult RunExec(string command, CancellationToken ct)
    {
        _modes.Clear();
        _modes.Add(new ModeFrame(Profile.GetMode(Profile.ExecMode ?? Profile.LoginMode), null, null));
        Paging = false;
        var stdout = new StringBuilder();
        var stderr = new StringBuilder();
        string newline = Profile.ExecNewline;
        LabOutput result = Execute(command);
        for (int guard = 0; guard < 16; guard++)
        {
            ct.ThrowIfCancellationRequested();
            bool open = result.EndsWithoutNewline;
            using (IEnumerator<string> lines = result.EnumerateLines().GetEnumerator())
            {
                bool has = lines.MoveNext();
                while (has)
                {
                    stdout.Append(lines.Current);
                    has = lines.MoveNext();
                    if (has || !open)
                        stdout.Append(newline);
                }
            }
            if (result.ErrorText is { Length: > 0 } err)
                stderr.Append(newline == "\n" ? err : err.Replace("\n", newline, StringComparison.Ordinal));
            if (result.Question is not { } question || Closing)
                break;
            if (question.WithoutTerminal is { } noTerminal)
            {
                result = noTerminal;
                LastExitStatus = result.ExitStatus;
                continue;
            }
            stdout.Append(question.Prompt);
            result = Answer(question, "");
        }
        int status = Closing ? CloseStatus : LastExitStatus;
        return new LabExecResult(stdout.ToString(), stderr.ToString(), status);
    }
}
