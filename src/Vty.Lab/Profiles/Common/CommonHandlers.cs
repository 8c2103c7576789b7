namespace Vty.Lab.Profiles.Common;

/// <summary>Handlers that several profiles share: enable dialog, paging switches.</summary>
internal static class CommonHandlers
{
    /// <summary><c>enable</c>: asks for the enable password (when one is set) and raises the mode.</summary>
    public static LabOutput Enable(LabCommandContext ctx)
    {
        LabEnableDialog dialog = ctx.Profile.Enable ?? new LabEnableDialog();
        if (ctx.Mode == dialog.TargetMode)
            return LabOutput.None;
        string? password = ctx.Device.Options.EnablePassword;
        if (password is null)
        {
            ctx.ReplaceMode(dialog.TargetMode);
            return LabOutput.None;
        }
        return LabOutput.Ask("", AskEnablePassword(dialog, password, 1));
    }

    private static LabQuestion AskEnablePassword(LabEnableDialog dialog, string password, int attempt) =>
        new(dialog.PasswordPrompt, Echo: false, (answer, ctx) =>
        {
            if (string.Equals(answer, password, StringComparison.Ordinal))
            {
                ctx.ReplaceMode(dialog.TargetMode);
                return LabOutput.None;
            }
            if (attempt >= dialog.Attempts)
                return LabOutput.Fail(dialog.FinalFailureMessage);
            return LabOutput.Ask(dialog.FailureMessage, AskEnablePassword(dialog, password, attempt + 1));
        })
        {
            WithoutTerminal = LabOutput.Fail(dialog.FinalFailureMessage),
        };

    /// <summary>Sets the page length; 0 turns paging off.</summary>
    public static LabOutput SetPageLength(LabCommandContext ctx, int lines, string? message = null)
    {
        ctx.PageLines = lines;
        ctx.Paging = lines > 1;
        return message is null ? LabOutput.None : LabOutput.Of(message);
    }

    /// <summary>A yes/no style confirmation: default answer on empty input.</summary>
    public static LabQuestion Confirm(string prompt, bool defaultYes, Func<bool, LabCommandContext, LabOutput> then) =>
        new(prompt, Echo: true, (answer, ctx) =>
        {
            string a = answer.Trim();
            bool yes = a.Length == 0 ? defaultYes : a.StartsWith('y') || a.StartsWith('Y');
            return then(yes, ctx);
        });
}
