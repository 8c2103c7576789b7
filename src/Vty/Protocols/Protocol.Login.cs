using Microsoft.Extensions.Logging;
using Vty.Accounts;
using Vty.Diagnostics;
using Vty.Drivers;
using Vty.Login;
using Vty.Matching;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    /// <summary>
    /// Logs in whatever way the device wants: protocol authentication (SSH: password, key,
    /// keyboard-interactive), then the in-band dialog (<c>Username:</c>/<c>Password:</c>, S/Key),
    /// then privileges (enable) unless <see cref="ProtocolOptions.Authorization"/> is
    /// <see cref="AuthorizationMode.Never"/>. Without an account, the last one, the URL's or the
    /// account factory's is used.
    /// </summary>
    /// <param name="account">Account for authentication.</param>
    /// <param name="appAccount">Account for the in-band dialog and enable, when it differs (default: <paramref name="account"/>).</param>
    /// <param name="flush">Consume the final prompt (true), or leave it in the buffer for <see cref="ExpectPromptAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the login.</param>
    /// <exception cref="LoginFailedException">The device refused the credentials (the device's message is in the exception).</exception>
    /// <exception cref="ExpectTimeoutException">The device never showed a login or command prompt.</exception>
    public Task LoginAsync(Account? account = null, Account? appAccount = null, bool flush = true, CancellationToken cancellationToken = default) =>
        ObserveAsync("vty.login", VtyMetrics.LoginDuration, null, () => LoginCoreAsync(account, appAccount, flush, cancellationToken));

    private async Task<bool> LoginCoreAsync(Account? account, Account? appAccount, bool flush, CancellationToken cancellationToken)
    {
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        appAccount ??= account;
        await AuthenticateAsync(account, appAccount, flush: false, cancellationToken).ConfigureAwait(false);
        await DetectDriverAsync(cancellationToken).ConfigureAwait(false);
        if (Options.Authorization == AuthorizationMode.Never)
        {
            if (flush)
                await ConsumePromptIfPresentAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }

        await RaisePrivilegesAsync(appAccount, Options.Authorization == AuthorizationMode.Required, flush, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Protocol authentication (if not done) followed by the in-band login dialog, without enable.</summary>
    public async Task AuthenticateAsync(Account? account = null, Account? appAccount = null, bool flush = true, CancellationToken cancellationToken = default)
    {
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        if (!IsProtocolAuthenticated)
            await ProtocolAuthenticateAsync(account, cancellationToken).ConfigureAwait(false);
        await AppAuthenticateAsync(appAccount ?? account, flush, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Authenticates at transport level: SSH user authentication (and opening the shell); nothing for Telnet and dummy.</summary>
    /// <exception cref="LoginFailedException">The SSH server refused every method.</exception>
    public async Task ProtocolAuthenticateAsync(Account? account = null, CancellationToken cancellationToken = default)
    {
        if (Host is null)
            throw new InvalidOperationException("The session is not connected: call ConnectAsync first.");
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        if (IsProtocolAuthenticated)
            return;
        Logger.LogDebug("{Host}: protocol authentication as {User}", Host, account.Name);
        await ProtocolAuthenticateCoreAsync(account, cancellationToken).ConfigureAwait(false);
        IsProtocolAuthenticated = true;
    }

    /// <summary>
    /// Runs the in-band login dialog until the command prompt appears: answers the username and
    /// password prompts and S/Key challenges (raising <see cref="OtpRequested"/>).
    /// </summary>
    public async Task AppAuthenticateAsync(Account? account = null, bool flush = true, CancellationToken cancellationToken = default)
    {
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        if (IsAppAuthenticated)
            return;
        var channel = Channel;
        var dialog = new LoginDialog(this, channel, account, account.Password, authorizing: false, Logger);
        var (hit, _) = await dialog.RunAsync(answeringCommand: false, Options.BannerTimeout, Options.CommandTimeout, OnOtpRequested, cancellationToken).ConfigureAwait(false);
        IsAppAuthenticated = true;
        LockGuess();
        LearnPromptFrom(hit.Line ?? hit.Match.Value);
        Logger.LogInformation(VtyLogEvents.LoggedIn, "{Host}: logged in as {User}, prompt '{Prompt}', driver {Driver}", Host, account.Name, hit.Match.Value, Driver.Name);
        if (flush)
            channel.ConsumeTo(hit.End);
    }

    /// <summary>
    /// Answers the authorization dialog the device is showing (after you sent <c>enable</c>
    /// yourself) with the account's authorization password, until the command prompt returns.
    /// </summary>
    public async Task AppAuthorizeAsync(Account? account = null, bool flush = true, CancellationToken cancellationToken = default)
    {
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        await AuthorizeDialogAsync(account, answeringCommand: false, flush, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Raises privileges the driver's way: nothing when the prompt already shows privileged mode
    /// or privileges come with the account (Junos, VRP, a shell); otherwise goes to the driver's
    /// privileged mode (the enable step, answering its password prompt with the authorization
    /// password). With the generic driver, which cannot know, nothing is sent.
    /// </summary>
    /// <exception cref="LoginFailedException">The device refused the enable password or stayed unprivileged.</exception>
    public Task AutoAppAuthorizeAsync(Account? account = null, bool flush = true, CancellationToken cancellationToken = default) =>
        RaisePrivilegesAsync(account, required: false, flush, cancellationToken);

    /// <summary>
    /// Like <see cref="AutoAppAuthorizeAsync"/>, but fails when the driver cannot raise privileges
    /// (the generic driver): what <c>--enable</c> and <see cref="AuthorizationMode.Required"/> ask for.
    /// </summary>
    /// <exception cref="ModeChangeFailedException">The driver does not know how this platform grants privileges.</exception>
    /// <exception cref="LoginFailedException">The device refused the enable password or stayed unprivileged.</exception>
    public Task RequireAppAuthorizationAsync(Account? account = null, bool flush = true, CancellationToken cancellationToken = default) =>
        RaisePrivilegesAsync(account, required: true, flush, cancellationToken);

    private async Task RaisePrivilegesAsync(Account? account, bool required, bool flush, CancellationToken cancellationToken)
    {
        account = await ResolveAccountAsync(account, cancellationToken).ConfigureAwait(false);
        var channel = Channel;
        var driver = Driver;
        if (!IsAppAuthorized && driver.Privileges == PrivilegeModel.Unknown)
        {
            if (required)
            {
                throw new ModeChangeFailedException(
                    $"Privileges were asked for (--enable), but driver '{driver.Name}' does not know how {Host} grants them, so nothing was sent and the session is not privileged. " +
                    "Name the platform with --driver (for example --driver ios or --driver eos), or leave out --enable.");
            }

            Logger.LogDebug("{Host}: driver {Driver} cannot raise privileges; not trying", Host, driver.Name);
            if (flush)
                await ConsumePromptIfPresentAsync(cancellationToken).ConfigureAwait(false);
            return;
        }

        if (!IsAppAuthorized && driver.Privileges == PrivilegeModel.Enable)
        {
            DriverMode? current = driver.FindModeOf(channel.CurrentLine.AsSpan());
            if (driver.FirstMode(ModeKind.Privileged) is { } privileged && (current is null || current.Kind == ModeKind.User))
            {
                await GoToModeAsync(privileged.Name, cancellationToken).ConfigureAwait(false);
                IsAppAuthorized = true;
                return;
            }

            if (driver.Modes.Count == 0 && driver.EnableCommand is { Length: > 0 } enable)
            {
                // No mode prompts to tell privileged from not: send the enable step and judge by its dialog.
                Logger.LogDebug("{Host}: raising privileges with '{Command}'", Host, enable);
                channel.Flush();
                await channel.SendAsync(enable + LineEnding, secret: false, cancellationToken).ConfigureAwait(false);
                await AuthorizeDialogAsync(account, answeringCommand: true, flush, cancellationToken).ConfigureAwait(false);
                return;
            }
        }

        IsAppAuthorized = true;
        if (flush)
            await ConsumePromptIfPresentAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task AuthorizeDialogAsync(Account account, bool answeringCommand, bool flush, CancellationToken cancellationToken)
    {
        var channel = Channel;
        var dialog = new LoginDialog(this, channel, account, account.EffectiveAuthorizationPassword, authorizing: true, Logger);
        var (hit, deviceMessage) = await dialog.RunAsync(answeringCommand, Options.CommandTimeout, Options.CommandTimeout, OnOtpRequested, cancellationToken).ConfigureAwait(false);
        string? mode = Driver.FindMode((hit.Line ?? hit.Match.Value).AsSpan());
        bool privileged = mode is not null && mode != "user";
        if (mode == "user" || (deviceMessage is not null && !privileged))
        {
            channel.ConsumeTo(hit.End);
            throw new LoginFailedException(
                deviceMessage is not null
                    ? $"Authorization failed for '{account.Name}': the device said: {deviceMessage}. Check the account's authorization (enable) password."
                    : $"Authorization failed for '{account.Name}': the device is still at the unprivileged prompt '{hit.Match.Value.Trim()}'. Check the account's authorization (enable) password and the driver's enable command.",
                deviceMessage, account.Name);
        }

        IsAppAuthorized = true;
        LearnPromptFrom(hit.Line ?? hit.Match.Value);
        Logger.LogDebug("{Host}: privileges raised, prompt '{Prompt}'", Host, hit.Match.Value);
        if (flush)
            channel.ConsumeTo(hit.End);
    }

    private Task ConsumePromptIfPresentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        Channel.TryConsumeCurrentLine(PromptPatterns);
        return Task.CompletedTask;
    }

    internal void SetBannerFromLogin(string text) => SetBannerOnce(text.Trim('\n'));
}
