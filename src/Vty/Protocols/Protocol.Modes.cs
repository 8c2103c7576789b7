using Microsoft.Extensions.Logging;
using Vty.Accounts;
using Vty.Drivers;
using Vty.Login;

namespace Vty.Protocols;

public abstract partial class Protocol
{
    private const int MaxModeSteps = 16;
    private string? _modeName;

    /// <summary>The driver's mode whose prompt the device shows now, or null (no prompt yet, or the driver has no modes).</summary>
    public DriverMode? CurrentMode => ModeOfPrompt(Driver, CurrentLine);

    /// <summary>
    /// The mode <paramref name="prompt"/> belongs to. Modes may share a prompt (Junos <c>configure</c>
    /// and <c>configure private</c>): the mode last reached by a step wins while its prompt still
    /// matches, otherwise the first matching mode in definition order.
    /// </summary>
    internal DriverMode? ModeOfPrompt(Driver driver, string prompt)
    {
        if (_modeName is not null && driver.GetMode(_modeName) is { } last && last.IsPrompt(prompt.AsSpan()))
            return last;
        return driver.FindModeOf(prompt.AsSpan());
    }

    /// <summary>
    /// Goes to mode <paramref name="mode"/> of the driver's mode graph along the shortest path,
    /// running each step (send a line, answer its questions, credentials included) and checking
    /// that the prompt shows the step's mode. Does nothing when already there.
    /// </summary>
    /// <exception cref="ModeChangeFailedException">No such mode, no way there, or a step ended elsewhere.</exception>
    /// <exception cref="LoginFailedException">A step that sends a credential (enable) was refused.</exception>
    public async Task GoToModeAsync(string mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(mode);
        Driver driver = Driver;
        DriverMode target = driver.GetMode(mode) ?? throw new ModeChangeFailedException(
            driver.Modes.Count == 0
                ? $"Driver '{driver.Name}' describes no modes, so mode '{mode}' cannot be reached; name the platform with --driver (or give the driver a 'modes:' graph, see docs/drivers.md)."
                : $"Driver '{driver.Name}' has no mode '{mode}'; its modes are {string.Join(", ", driver.Modes.Select(m => m.Name))}.");
        for (int i = 0; i < MaxModeSteps; i++)
        {
            DriverMode current = await ReadCurrentModeAsync(driver, cancellationToken).ConfigureAwait(false);
            if (current.Name == target.Name)
                return;
            IReadOnlyList<ModeTransition> path = driver.FindPath(current.Name, target.Name) ?? throw new ModeChangeFailedException(
                $"Driver '{driver.Name}' knows no way from mode '{current.Name}' to mode '{target.Name}' on {Host}.");
            await RunModeStepAsync(driver, path[0], cancellationToken).ConfigureAwait(false);
        }

        throw new ModeChangeFailedException($"Mode '{target.Name}' was not reached on {Host} after {MaxModeSteps} steps; the prompt is '{CurrentLine.Trim()}'.");
    }

    // The lines a step printed before its prompt, without the echo of the step itself.
    private static string? PrintedAfterEcho(Matching.SessionChannel channel, string before)
    {
        string[] lines = before.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] printed = lines.Skip(1).TakeLast(3).ToArray();
        return printed.Length == 0 ? null : channel.Redact(string.Join(" / ", printed));
    }

    private async Task<DriverMode> ReadCurrentModeAsync(Driver driver, CancellationToken cancellationToken)
    {
        if (ModeOfPrompt(driver, CurrentLine) is { } mode)
            return mode;

        // Nothing on screen yet (or output after the prompt): ask for a fresh prompt once.
        CommandResult fresh = await ExecuteAsync("", new ExecuteOptions { CheckErrors = false, StripEcho = false }, cancellationToken).ConfigureAwait(false);
        return ModeOfPrompt(driver, fresh.Prompt) ?? throw new ModeChangeFailedException(
            $"The prompt '{fresh.Prompt.Trim()}' on {Host} matches none of the modes of driver '{driver.Name}' ({string.Join(", ", driver.Modes.Select(m => m.Name))}); check the driver (--driver) or its mode prompts.");
    }

    private async Task RunModeStepAsync(Driver driver, ModeTransition step, CancellationToken cancellationToken)
    {
        var channel = Channel;
        Account account = step.SendsCredential
            ? await ResolveAccountAsync(null, cancellationToken).ConfigureAwait(false)
            : _lastAccount ?? Url?.ToAccount() ?? new Account("(no account)");
        Logger.LogDebug("{Host}: mode {From} -> {To} with '{Command}'", Host, step.From, step.To, step.Send);
        channel.Flush();
        await channel.SendAsync(step.Send + LineEnding, secret: false, cancellationToken).ConfigureAwait(false);
        var dialog = new LoginDialog(this, channel, account, account.EffectiveAuthorizationPassword, authorizing: true, Logger, step.Answers);
        var (hit, deviceMessage) = await dialog.RunAsync(answeringCommand: true, Options.CommandTimeout, Options.CommandTimeout, OnOtpRequested, cancellationToken).ConfigureAwait(false);
        channel.ConsumeTo(hit.End);
        string prompt = (hit.Line ?? hit.Match.Value).Trim();
        string line = hit.Line ?? hit.Match.Value;
        DriverMode? reached = driver.GetMode(step.To) is { } target && target.IsPrompt(line.AsSpan()) ? target : driver.FindModeOf(line.AsSpan());
        if (reached?.Name == step.To)
        {
            _modeName = reached.Name;
            LearnPromptFrom(line);
            if (reached.Kind is ModeKind.Privileged or ModeKind.Config)
                IsAppAuthorized = true;
            return;
        }

        deviceMessage ??= PrintedAfterEcho(channel, hit.Before);
        string said = deviceMessage is null ? "" : $" The device said: {deviceMessage}.";
        if (step.SendsCredential)
        {
            throw new LoginFailedException(
                deviceMessage is not null
                    ? $"Authorization failed for '{account.Name}': the device said: {deviceMessage}. Check the account's authorization (enable) password."
                    : $"Authorization failed for '{account.Name}': '{step.Send}' left the device at the prompt '{prompt}' (mode '{reached?.Name ?? "unknown"}', not '{step.To}'). Check the account's authorization (enable) password and the driver.",
                deviceMessage, account.Name);
        }

        throw new ModeChangeFailedException(
            $"'{step.Send}' did not reach mode '{step.To}' on {Host}: the prompt is '{prompt}' (mode '{reached?.Name ?? "unknown"}').{said}", deviceMessage);
    }
}
