using System.Globalization;
using System.Text;
using Vty.Lab.Files;
using Vty.Lab.Profiles.Common;

namespace Vty.Lab.Profiles.Cisco;

/// <summary>
/// IOS-XR's whole-configuration replace: <c>load harddisk:/FILE</c> in configuration mode puts a file
/// into the target configuration, and <c>commit replace</c> (optionally <c>confirmed minutes N</c>
/// and <c>comment TEXT</c>) makes the running configuration exactly what was loaded, after asking.
/// </summary>
internal static class IosXrReplace
{
    private const string LoadedKey = "xr-loaded";

    /// <summary>What <c>load</c> put into the target configuration, until a commit or abort.</summary>
    private sealed class Loaded
    {
        public ConfigNode? Tree { get; set; }
    }

    public static IEnumerable<LabCommand> Commands(string disk, Action<LabDeviceState> applyHostname)
    {
        string[] cfg = ["config"];
        yield return new("load <file>", cfg, ctx =>
        {
            string name = ctx.Arg("file");
            if (LabFlash.ReadText(ctx.Device, name, disk) is not { } text)
                return LabOutput.Fail($"Couldn't open file {name}: No such file or directory\n");
            (ConfigNode? tree, string? error) = CiscoConfigText.Parse(text);
            if (tree is null)
                return LabOutput.Fail($"Syntax/Authorization errors in one or more commands. {error}\n");
            ctx.Device.Extra(LoadedKey, () => new Loaded()).Tree = tree;
            ConfigNode candidate = ctx.Device.Candidate ??= ctx.Device.Running.Clone();
            CiscoConfigText.Merge(candidate, tree);
            int bytes = Encoding.UTF8.GetByteCount(text);
            return LabOutput.Of(string.Create(CultureInfo.InvariantCulture, $"Loading.\n{bytes} bytes parsed in 1 sec ({bytes})bytes/sec\n"));
        });
        yield return new("commit replace", cfg, ctx => Ask(ctx, null, null, applyHostname));
        yield return new("commit replace comment <text...>", cfg, ctx => Ask(ctx, ctx.Arg("text"), null, applyHostname));
        yield return new("commit replace confirmed minutes <minutes:number>", cfg, ctx => Confirmed(ctx, null, applyHostname));
        yield return new("commit replace confirmed minutes <minutes:number> comment <text...>", cfg, ctx => Confirmed(ctx, ctx.Arg("text"), applyHostname));
    }

    /// <summary>Forgets a loaded file (after <c>abort</c> or leaving configuration mode).</summary>
    public static void Forget(LabDeviceState state) => state.Extra(LoadedKey, () => new Loaded()).Tree = null;

    private static LabOutput Confirmed(LabCommandContext ctx, string? comment, Action<LabDeviceState> applyHostname)
    {
        int m = int.Parse(ctx.Arg("minutes"), CultureInfo.InvariantCulture);
        if (m is < 1 or > 1092)
            return ctx.Invalid("minutes");
        return Ask(ctx, comment, TimeSpan.FromMinutes(m), applyHostname);
    }

    private static LabOutput Ask(LabCommandContext ctx, string? comment, TimeSpan? confirm, Action<LabDeviceState> applyHostname) =>
        LabOutput.Ask("", new LabQuestion(
            "This commit will replace or remove the entire running configuration. This\noperation can be service affecting.\nDo you wish to proceed? [no]: ",
            true,
            (answer, x) =>
            {
                string a = answer.Trim().ToLowerInvariant();
                if (a.Length == 0 || !"yes".StartsWith(a, StringComparison.Ordinal))
                    return LabOutput.None;
                // The target of a replace is what this session loaded (and nothing when it loaded nothing).
                ConfigNode target = x.Device.Extra(LoadedKey, () => new Loaded()).Tree?.Clone() ?? new ConfigNode("");
                x.Device.Candidate = target;
                Forget(x.Device);
                string? text = comment is null ? null : Engine.CommandLineParser.Unquote(comment);
                if (!CommitEngine.Commit(x.Device, x.User, text, confirm, applyHostname))
                    return LabOutput.Of("% No configuration changes to commit.\n");
                return LabOutput.None;
            }));
}
