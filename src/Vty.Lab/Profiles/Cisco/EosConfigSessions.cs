using System.Text;
using Vty.Lab.Files;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles.Cisco;

/// <summary>
/// EOS configuration sessions, the part that whole-configuration replace uses:
/// <c>configure session NAME</c>, <c>rollback clean-config</c>, <c>copy flash:FILE session-config</c>,
/// <c>show session-config diffs</c>, <c>commit</c>, <c>commit timer hh:mm:ss</c> (confirmed later by
/// <c>configure session NAME commit</c>, rolled back by itself otherwise) and <c>abort</c>.
/// </summary>
internal static class EosConfigSessions
{
    /// <summary>The mode of a session; its prompt carries the session name.</summary>
    public static LabMode Mode { get; } = new("config-s", "{host}(config-s-{arg})#") { IsConfig = true, EndMode = "privileged" };

    private const string SessionsKey = "eos-sessions";

    private sealed class Sessions
    {
        public Dictionary<string, ConfigNode> Pending { get; } = new(StringComparer.Ordinal);

        /// <summary>The session whose <c>commit timer</c> waits for its confirming commit.</summary>
        public string? Timed { get; set; }
    }

    public static IEnumerable<LabCommand> Commands(CiscoFlavor flavor)
    {
        string[] p = ["privileged"];
        string[] s = ["config-s"];
        string flash = flavor.FlashName ?? "flash:";
        Sessions Of(LabCommandContext ctx) => ctx.Device.Extra(SessionsKey, () => new Sessions());

        yield return new("configure session <name>", p, ctx =>
        {
            string name = ctx.Arg("name");
            Sessions all = Of(ctx);
            if (!all.Pending.ContainsKey(name))
                all.Pending[name] = ctx.Device.Running.Clone();
            ctx.EnterMode("config-s", name);
            return LabOutput.None;
        });
        yield return new("configure session <name> commit", p, ctx =>
        {
            string name = ctx.Arg("name");
            Sessions all = Of(ctx);
            if (all.Timed == name && ctx.Device.PendingConfirm is not null)
            {
                // The confirming commit: the timer stops, the configuration stays.
                CommitEngine.Commit(ctx.Device, ctx.User, null, null, null);
                all.Timed = null;
                all.Pending.Remove(name);
                return LabOutput.None;
            }
            if (!all.Pending.TryGetValue(name, out ConfigNode? tree))
                return LabOutput.Fail($"% Session {name} does not exist\n");
            return Apply(ctx, all, name, tree, null);
        });
        yield return new("rollback clean-config", s, ctx =>
        {
            Of(ctx).Pending[ctx.ModeArg!] = new ConfigNode("");
            return LabOutput.None;
        });
        yield return new("copy <source> session-config", s, ctx =>
        {
            string source = ctx.Arg("source");
            if (LabFlash.ReadText(ctx.Device, source, flash) is not { } text)
                return LabOutput.Fail($"% Error copying {source} to session-config (No such file or directory)\n");
            (ConfigNode? tree, string? error) = CiscoConfigText.Parse(text);
            if (tree is null)
                return LabOutput.Fail($"% Error copying {source} to session-config ({error})\n");
            Of(ctx).Pending[ctx.ModeArg!] = tree;
            return LabOutput.Of("Copy completed successfully.\n");
        });
        yield return new("show session-config diffs", s, ctx =>
            LabOutput.Of(Diff(CiscoConfig.Body(ctx.Device.Running), CiscoConfig.Body(Of(ctx).Pending[ctx.ModeArg!]), ctx.ModeArg!)));
        yield return new("show session-config", s, ctx =>
            LabOutput.Of(CiscoConfig.Render(flavor, ctx.Device, Of(ctx).Pending[ctx.ModeArg!])));
        yield return new("commit", s, ctx => Apply(ctx, Of(ctx), ctx.ModeArg!, Of(ctx).Pending[ctx.ModeArg!], null));
        yield return new("commit timer <time>", s, ctx =>
        {
            string[] parts = ctx.Arg("time").Split(':');
            if (parts.Length != 3 || !parts.All(x => int.TryParse(x, out int v) && v >= 0)
                || new TimeSpan(int.Parse(parts[0]), int.Parse(parts[1]), int.Parse(parts[2])) is not { TotalSeconds: >= 1 } within)
                return ctx.Invalid("time");
            Sessions all = Of(ctx);
            string name = ctx.ModeArg!;
            LabOutput result = Apply(ctx, all, name, all.Pending[name], within);
            all.Pending[name] = ctx.Device.Running.Clone();
            all.Timed = name;
            return result;
        });
        yield return new("abort", s, ctx =>
        {
            Of(ctx).Pending.Remove(ctx.ModeArg!);
            ctx.EndConfiguration();
            return LabOutput.None;
        });
        yield return new("end", s, ctx => { ctx.EndConfiguration(); return LabOutput.None; });
        yield return new("exit", s, ctx => { ctx.EndConfiguration(); return LabOutput.None; });
    }

    private static LabOutput Apply(LabCommandContext ctx, Sessions all, string name, ConfigNode tree, TimeSpan? confirmWithin)
    {
        LabDeviceState state = ctx.Device;
        state.Candidate = tree.Clone();
        CommitEngine.Commit(state, ctx.User, $"session {name}", confirmWithin, ApplyHostname);
        // EOS edits the running configuration directly outside sessions: no candidate stays behind.
        state.Candidate = null;
        if (confirmWithin is null)
            all.Pending.Remove(name);
        if (ctx.Mode == "config-s")
            ctx.EndConfiguration();
        return LabOutput.None;
    }

    private static void ApplyHostname(LabDeviceState state)
    {
        if (CiscoConfigText.Hostname(state.Running) is { } name)
            state.Hostname = name;
    }

    /// <summary>A unified-style listing of what the session changes: removed lines with '-', added with '+', in order.</summary>
    private static string Diff(List<string> running, List<string> session, string name)
    {
        int n = running.Count, m = session.Count;
        var lcs = new int[n + 1, m + 1];
        for (int i = n - 1; i >= 0; i--)
            for (int j = m - 1; j >= 0; j--)
                lcs[i, j] = running[i] == session[j] ? lcs[i + 1, j + 1] + 1 : Math.Max(lcs[i + 1, j], lcs[i, j + 1]);
        var sb = new StringBuilder();
        sb.Append("--- system:/running-config\n");
        sb.Append($"+++ session:/{name}-session-config\n");
        int a = 0, b = 0;
        while (a < n || b < m)
        {
            if (a < n && b < m && running[a] == session[b]) { a++; b++; }
            else if (b < m && (a >= n || lcs[a, b + 1] >= lcs[a + 1, b])) sb.Append('+').Append(session[b++]).Append('\n');
            else sb.Append('-').Append(running[a++]).Append('\n');
        }
        return sb.ToString();
    }
}
