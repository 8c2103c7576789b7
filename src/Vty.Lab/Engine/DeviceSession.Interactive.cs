namespace Vty.Lab.Engine;

internal sealed partial class DeviceSession
{
    /// <summary>Runs the interactive session: banner, login dialog, prompt loop. Returns the exit status.</summary>
    public async Task<int> RunAsync(Stream stream, LabSessionStart start, CancellationToken ct)
    {
        var output = new SessionOutput(stream);
        var input = new SessionInput(stream, output);
        LabDeviceOptions options = State.Options;
        LabLoginDialog login = Profile.Login;
        Columns = start.Columns;
        Via = start.PreAuthenticated ? "SSH" : "telnet";

        if (options.Fault == LabFault.HangBeforeBanner)
        {
            await input.DrainAsync(ct).ConfigureAwait(false);
            return 0;
        }

        if (options.Fault == LabFault.NulFlood)
        {
            await FloodAsync(stream, new byte[FloodBlockSize], ct).ConfigureAwait(false);
            return 1;
        }

        output.AppendTerminal(Expand(login.Banner));
        if (options.Fault == LabFault.EndlessOutput)
        {
            await output.FlushAsync(ct).ConfigureAwait(false);
            await FloodAsync(stream, EndlessLines(), ct).ConfigureAwait(false);
            return 1;
        }

        if (!start.PreAuthenticated && options.LoginStyle != LabLoginStyle.None)
        {
            string? user = await LoginDialogAsync(input, output, ct).ConfigureAwait(false);
            if (user is null)
            {
                await output.FlushAsync(ct).ConfigureAwait(false);
                return 1;
            }
            User = user;
        }
        else if (start.User is { Length: > 0 } preUser)
        {
            User = Profile.LoginName(preUser);
        }
        WorkingDirectory = HomeDirectory;
        start.LoggedIn?.Invoke();

        output.AppendTerminal(Expand(login.Motd));
        if (login.PressAnyKey.Length > 0)
        {
            // ProCurve holds its banner until a key arrives; the key is consumed, not a command.
            output.AppendTerminal(login.PressAnyKey);
            await output.FlushAsync(ct).ConfigureAwait(false);
            if (await input.ReadKeyAsync(ct).ConfigureAwait(false) < 0)
                return 0;
            output.AppendTerminal("\n");
        }
        if (options.Fault == LabFault.DropAfterLogin)
        {
            await output.FlushAsync(ct).ConfigureAwait(false);
            return 1;
        }

        _modes.Clear();
        _modes.Add(new ModeFrame(Profile.GetMode(Profile.LoginMode), null, null));
        output.AppendTerminal(RenderPrompt());
        if (options.Fault == LabFault.HangAfterLogin)
        {
            await output.FlushAsync(ct).ConfigureAwait(false);
            await input.DrainAsync(ct).ConfigureAwait(false);
            return 0;
        }

        while (!Closing)
        {
            string? line = await input.ReadLineAsync(echo: true, ct).ConfigureAwait(false);
            if (line is null)
                break;
            LabOutput result;
            if (line == SessionInput.Interrupt)
            {
                result = LabOutput.None;
            }
            else if (line == SessionInput.Suspend)
            {
                if (Current.Mode.IsConfig)
                    EndConfiguration();
                result = LabOutput.None;
            }
            else
            {
                State.LogCommand(line);
                if (line.Trim().Length > 0)
                    CommandNumber++;
                bool inConfig = Current.Mode.IsConfig;
                result = Execute(line);
                if (inConfig && options.Fault == LabFault.DropAfterConfigLine)
                {
                    await output.FlushAsync(ct).ConfigureAwait(false);
                    return 1;
                }
                if (options.Fault == LabFault.StallMidOutput && result.Question is null && result.EnumerateLines().ToList() is { Count: > 20 } many)
                {
                    await WriteOutputAsync(LabOutput.OfLines(many.Take(many.Count / 2)), input, output, ct).ConfigureAwait(false);
                    await output.FlushAsync(ct).ConfigureAwait(false);
                    await input.DrainAsync(ct).ConfigureAwait(false);
                    return 0;
                }
            }

            while (true)
            {
                if (!await WriteOutputAsync(result, input, output, ct).ConfigureAwait(false))
                    return LastExitStatus;
                if (result.Question is not { } question || Closing)
                    break;
                output.AppendTerminal(question.Prompt);
                string? answer = await input.ReadLineAsync(question.Echo, ct).ConfigureAwait(false);
                if (answer is null)
                    return LastExitStatus;
                result = Answer(question, answer == SessionInput.Interrupt ? "" : answer);
            }
            if (!Closing)
                output.AppendTerminal(RenderPrompt());
        }
        await output.FlushAsync(ct).ConfigureAwait(false);
        return Closing ? CloseStatus : LastExitStatus;
    }

    private async Task<string?> LoginDialogAsync(SessionInput input, SessionOutput output, CancellationToken ct)
    {
        LabDeviceOptions options = State.Options;
        LabLoginDialog login = Profile.Login;
        bool passwordOnly = options.LoginStyle == LabLoginStyle.PasswordOnly;
        int max = Math.Max(1, options.MaxLoginAttempts);
        output.AppendTerminal(Expand(login.DialogIntro));
        for (int attempt = 1; ; attempt++)
        {
            string user = options.Username;
            if (!passwordOnly)
            {
                string? typed;
                do
                {
                    // An empty name is no attempt: the OS asks again, as IOS, Junos and login(1) do. Clients
                    // such as Netmiko send Enter first to wake the line, which must not cost a login try.
                    output.AppendTerminal(Expand(login.UsernamePrompt));
                    typed = await input.ReadLineAsync(echo: true, ct).ConfigureAwait(false);
                    if (typed is null)
                        return null;
                }
                while (typed.Trim().Length == 0 || typed == SessionInput.Interrupt);
                user = Profile.LoginName(typed.Trim());
            }
            output.AppendTerminal(Expand(login.PasswordPrompt));
            string? password = await input.ReadLineAsync(echo: false, ct).ConfigureAwait(false);
            if (password is null)
                return null;

            bool accepted = options.Fault != LabFault.RejectLogin
                && string.Equals(password, options.Password, StringComparison.Ordinal)
                && (passwordOnly || string.Equals(user, options.Username, StringComparison.Ordinal));
            if (accepted)
                return user;

            if (attempt >= max)
            {
                string final = passwordOnly ? login.PasswordOnlyFinalFailureMessage : login.FinalFailureMessage;
                if (final.Length == 0)
                    final = passwordOnly ? login.PasswordOnlyFailureMessage : login.FailureMessage;
                output.AppendTerminal(Expand(final));
                return null;
            }
            output.AppendTerminal(Expand(passwordOnly ? login.PasswordOnlyFailureMessage : login.FailureMessage));
        }
    }

    /// <summary>Prints output with the pager; false when the peer went away while the pager waited.</summary>
    private async ValueTask<bool> WriteOutputAsync(LabOutput result, SessionInput input, SessionOutput output, CancellationToken ct)
    {
        bool paging = Paging && !result.NoPaging && Profile.Pager is not null && PageLines > 1;
        int pageSize = paging ? PageLines - 1 : int.MaxValue;
        int onPage = 0;
        bool lastOpen = result.EndsWithoutNewline;
        using (IEnumerator<string> lines = result.EnumerateLines().GetEnumerator())
        {
            bool has = lines.MoveNext();
            while (has)
            {
                string line = lines.Current;
                has = lines.MoveNext();
                if (onPage >= pageSize)
                {
                    LabPager pager = Profile.Pager!;
                    output.Append(pager.Prompt);
                    int key = await input.ReadKeyAsync(ct).ConfigureAwait(false);
                    if (key < 0)
                        return false;
                    output.Append(pager.Erase);
                    if (key == ' ')
                        onPage = 0;
                    else if (key is '\r' or '\n')
                        onPage = pageSize - 1;
                    else
                        break;
                }
                output.Append(line);
                if (has || !lastOpen)
                    output.Append("\r\n");
                onPage++;
                if (output.ShouldFlush)
                    await output.FlushAsync(ct).ConfigureAwait(false);
            }
        }
        if (result.ErrorText is { Length: > 0 } err)
            output.AppendTerminal(err);
        return true;
    }

    private const int FloodBlockSize = 32 * 1024;

    /// <summary>Writes <paramref name="block"/> again and again until the peer goes away or <paramref name="ct"/> fires.</summary>
    private static async Task FloodAsync(Stream stream, byte[] block, CancellationToken ct)
    {
        // The write waits while the peer does not read (TCP or channel flow control), so the
        // flood costs the lab nothing beyond this one block.
        while (!ct.IsCancellationRequested)
            await stream.WriteAsync(block, ct).ConfigureAwait(false);
    }

    private static byte[] EndlessLines()
    {
        const string line = "endless output from a device that never shows a prompt ...............\r\n";
        var block = new byte[FloodBlockSize / line.Length * line.Length];
        for (int i = 0; i < block.Length; i += line.Length)
            System.Text.Encoding.ASCII.GetBytes(line, block.AsSpan(i));
        return block;
    }

        private string Expand(string template) =>
        template.Replace("{host}", State.Hostname, StringComparison.Ordinal)
                .Replace("{user}", User, StringComparison.Ordinal);
}
