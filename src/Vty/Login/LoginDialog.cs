using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Vty.Accounts;
using Vty.Drivers;
using Vty.Matching;
using Vty.Otp;
using Vty.Protocols;

namespace Vty.Login;

/// <summary>
/// The in-band login state machine, used for app authentication (<c>Username:</c>/<c>Password:</c>
/// after connecting) and app authorization (the dialog after <c>enable</c>). Each step waits for
/// the first of: a login error, the username prompt, an S/Key challenge, the password prompt or a
/// command prompt, and answers it. The patterns are rebuilt from the current driver at every step,
/// so a better OS guess mid-login takes effect at once.
/// </summary>
/// <remarks>
/// A login error only counts in text received after we sent credentials (or the enable command),
/// so words like "denied" in a banner never fail a login. A command prompt at the end wins over an
/// error line before it (a message of the day may contain such words); a login error followed by
/// another login prompt, the connection closing, or silence fails the login with the device's own
/// message. Being asked for the same credential twice in a row also fails (no endless retry).
/// </remarks>
internal sealed class LoginDialog
{
    private readonly Protocol _protocol;
    private readonly SessionChannel _channel;
    private readonly Account _account;
    private readonly string? _password;
    private readonly bool _authorizing;
    private readonly ILogger _logger;
    private readonly IReadOnlyList<ModeAnswer>? _answers;

    // answers: for a step of the driver's mode graph, the questions the step may raise and their
    // answers, instead of the built-in username and password prompts; null for login and plain enable.
    public LoginDialog(Protocol protocol, SessionChannel channel, Account account, string? password, bool authorizing, ILogger logger, IReadOnlyList<ModeAnswer>? answers = null)
    {
        _protocol = protocol;
        _channel = channel;
        _account = account;
        _password = password;
        _authorizing = authorizing;
        _logger = logger;
        _answers = answers;
    }

    private enum Step
    {
        LoginError,
        CommandError,
        Username,
        Challenge,
        Password,
        Prompt,
        Answer,
        Continue,
    }

    private enum Sent
    {
        Nothing,
        Username,
        Password,
    }

    /// <summary>
    /// Runs the dialog until a command prompt is the current line and returns that match (not
    /// consumed) with the error line the device printed before it, if any.
    /// </summary>
    /// <param name="answeringCommand">True when a command (enable) was just sent, so errors in the answer count.</param>
    /// <param name="firstTimeout">Time allowed for the first step (the banner).</param>
    /// <param name="stepTimeout">Time allowed for each later step.</param>
    /// <param name="raiseOtp">Raises the protocol's OtpRequested event.</param>
    /// <param name="cancellationToken">Cancels the dialog.</param>
    public async Task<(ScanHit Hit, string? DeviceMessage)> RunAsync(bool answeringCommand, TimeSpan firstTimeout, TimeSpan stepTimeout, Action<OtpRequestedEventArgs> raiseOtp, CancellationToken cancellationToken)
    {
        bool credentialsSent = answeringCommand;
        Sent last = Sent.Nothing;
        long? scanFrom = null;
        string? loginError = null;
        string? pendingOtp = null;
        bool first = true;
        int lastAnswer = -1;
        int textAnswers = 0;
        int continues = 0;

        while (true)
        {
            // The patterns follow the driver, which the OS guess may change while we wait.
            bool withErrors = credentialsSent;
            PatternSet? built = null;
            IReadOnlyList<MatchPattern> Current()
            {
                var driver = _protocol.Driver;
                if (built is null || !ReferenceEquals(built.Driver, driver))
                    built = BuildPatterns(withErrors, driver);
                return built.Patterns;
            }

            ScanHit hit;
            try
            {
                hit = await _channel.WaitForMatchAsync(Current, consume: false, scanFrom, first ? firstTimeout : stepTimeout, cancellationToken).ConfigureAwait(false);
            }
            catch (ExpectTimeoutException ex) when (loginError is not null)
            {
                throw Refused(loginError, ex);
            }
            catch (ConnectionClosedException ex) when (credentialsSent)
            {
                string said = loginError ?? LastLines(ex.ReceivedTail);
                throw new LoginFailedException(
                    $"{What} failed: the device closed the connection after {(_authorizing ? "the enable command" : "the credentials")} were sent" +
                    (said.Length > 0 ? $"; it said: {said}." : ".") + Hint,
                    said.Length > 0 ? said : null, _account.Name, ex);
            }

            if (first && !_authorizing)
                _protocol.SetBannerFromLogin(hit.Before);
            first = false;

            var steps = built!.Patterns == hit.Patterns ? built.Steps : throw new InvalidOperationException("The match refers to an outdated pattern list.");
            switch (steps[hit.PatternIndex])
            {
                case Step.Answer:
                    int index = built.AnswerIndex[hit.PatternIndex];
                    ModeAnswer answer = _answers![index];
                    if (answer.Credential is not null && loginError is not null)
                        throw Refused(loginError, null);
                    if (answer.Credential is not null && lastAnswer == index)
                        throw Refused(Said(hit.Before), null, "the device asked for the same secret again");
                    if (answer.Credential is null && ++textAnswers > 8)
                        throw Refused(Said(hit.Before), null, $"the device kept asking '{(hit.Line ?? hit.Match.Value).Trim()}'");
                    string reply = answer.Credential switch
                    {
                        null => answer.Text,
                        ModeCredential.Username => _account.Name,
                        ModeCredential.Password => pendingOtp ?? _account.Password ?? throw MissingSecret("no password"),
                        _ => pendingOtp ?? _password ?? throw MissingSecret("no authorization (enable) password"),
                    };
                    bool secretReply = answer.Credential is ModeCredential.Password or ModeCredential.EnablePassword;
                    if (secretReply)
                        pendingOtp = null;
                    _channel.ConsumeTo(hit.End);
                    scanFrom = null;
                    lastAnswer = index;
                    _logger.LogDebug("{What}: answering '{Question}'", What, (hit.Line ?? hit.Match.Value).Trim());
                    await _channel.SendAsync(reply + _protocol.LineEnding, secret: secretReply, cancellationToken).ConfigureAwait(false);
                    break;

                case Step.LoginError:
                case Step.CommandError:
                    loginError ??= _channel.Redact((hit.Line ?? hit.Match.Value).Trim());
                    scanFrom = hit.End;
                    _logger.LogDebug("{What}: the device answered '{Message}'", What, loginError);
                    break;

                case Step.Username:
                    if (loginError is not null)
                        throw Refused(loginError, null);
                    if (last != Sent.Nothing)
                        throw Refused(Said(hit.Before), null, "the device asked for the user name again");
                    _channel.ConsumeTo(hit.End);
                    scanFrom = null;
                    _logger.LogDebug("{What}: sending user name {User}", What, _account.Name);
                    await _channel.SendAsync(_account.Name + _protocol.LineEnding, secret: false, cancellationToken).ConfigureAwait(false);
                    last = Sent.Username;
                    credentialsSent = true;
                    break;

                case Step.Challenge:
                    pendingOtp = AnswerChallenge(hit.Line ?? hit.Match.Value, raiseOtp);
                    scanFrom = hit.End;
                    break;

                case Step.Password:
                    if (loginError is not null)
                        throw Refused(loginError, null);
                    if (last == Sent.Password)
                        throw Refused(Said(hit.Before), null, "the device asked for the password again");
                    string secret = pendingOtp ?? _password ?? throw new LoginFailedException(
                        $"{What}: the device asks for a password but account '{_account.Name}' has " +
                        (_authorizing ? "no authorization (enable) password." : "no password."),
                        null, _account.Name);
                    pendingOtp = null;
                    _channel.ConsumeTo(hit.End);
                    scanFrom = null;
                    _logger.LogDebug("{What}: sending the password", What);
                    await _channel.SendAsync(secret + _protocol.LineEnding, secret: true, cancellationToken).ConfigureAwait(false);
                    last = Sent.Password;
                    credentialsSent = true;
                    break;

                case Step.Continue:
                    // A banner that waits for a key ("Press any key to continue", ProCurve) or a pager
                    // inside the message of the day: answer it as the driver answers its pager.
                    if (++continues > 8)
                        throw Refused(Said(hit.Before), null, $"the device kept asking '{(hit.Line ?? hit.Match.Value).Trim()}'");
                    _channel.ConsumeTo(hit.End);
                    scanFrom = null;
                    _logger.LogDebug("{What}: answering '{Question}' with the pager answer", What, (hit.Line ?? hit.Match.Value).Trim());
                    await _channel.SendAsync(built.Driver.PagerAnswer, secret: false, cancellationToken).ConfigureAwait(false);
                    break;

                case Step.Prompt:
                    return (hit, loginError);
            }
        }
    }

    private string What => _authorizing ? "Authorization" : "Login";

    private string Hint => _authorizing
        ? " Check the account's authorization (enable) password."
        : " Check the account's user name and password (and the driver, if the device prompts in an unusual way).";

    private LoginFailedException MissingSecret(string what) =>
        new($"{What}: the device asks for a secret but account '{_account.Name}' has {what}.", null, _account.Name);

    private PatternSet BuildPatterns(bool credentialsSent, Drivers.Driver driver)
    {
        _protocol.RefreshDriver();
        var patterns = new List<MatchPattern>();
        var steps = new List<Step>();
        var answerIndex = new List<int>();
        void Add(Regex regex, MatchScope scope, Step step, int answer = -1)
        {
            patterns.Add(new MatchPattern(regex, scope));
            steps.Add(step);
            answerIndex.Add(answer);
        }

        if (credentialsSent)
        {
            foreach (var regex in _protocol.LoginErrorPatterns)
                Add(regex, MatchScope.EachLine, Step.LoginError);
            if (_authorizing)
            {
                foreach (var regex in _protocol.ErrorPatterns)
                    Add(regex, MatchScope.EachLine, Step.CommandError);
            }
        }

        if (_answers is not null)
        {
            for (int i = 0; i < _answers.Count; i++)
                Add(_answers[i].Prompt, MatchScope.CurrentLine, Step.Answer, i);
        }
        else
        {
            Add(_protocol.UsernamePrompt, MatchScope.CurrentLine, Step.Username);
        }

        Add(OtpChallenge.ChallengePattern(), MatchScope.EachLine, Step.Challenge);
        if (_answers is null)
            Add(_protocol.PasswordPrompt, MatchScope.CurrentLine, Step.Password);
        if (!_authorizing && _answers is null && driver.PagerPattern is { } pager)
            Add(pager, MatchScope.CurrentLine, Step.Continue);
        foreach (var regex in _protocol.PromptPatterns)
            Add(regex, MatchScope.CurrentLine, Step.Prompt);
        return new PatternSet(driver, patterns, steps, answerIndex);
    }

    private sealed record PatternSet(Drivers.Driver Driver, IReadOnlyList<MatchPattern> Patterns, IReadOnlyList<Step> Steps, IReadOnlyList<int> AnswerIndex);

    private string AnswerChallenge(string text, Action<OtpRequestedEventArgs> raiseOtp)
    {
        if (!OtpChallenge.TryParse(text, out var challenge) || challenge is null)
            throw new LoginFailedException($"{What}: could not read the S/Key challenge '{text.Trim()}'. Answer it yourself in the OtpRequested event.", text.Trim(), _account.Name);
        _logger.LogDebug("{What}: S/Key challenge {Algorithm} {Sequence} {Seed}", What, challenge.Algorithm, challenge.Sequence, challenge.Seed);
        var args = new OtpRequestedEventArgs(_account, challenge.Sequence, challenge.Seed);
        raiseOtp(args);
        if (args.Response is { Length: > 0 } response)
            return response;
        if (_password is null)
        {
            throw new LoginFailedException(
                $"{What}: the device sent an S/Key challenge but account '{_account.Name}' has no password to compute the answer from (or answer it in the OtpRequested event).",
                null, _account.Name);
        }

        return OneTimePassword.Compute(_password, challenge);
    }

    private LoginFailedException Refused(string? deviceMessage, Exception? inner, string? reason = null)
    {
        string message = (deviceMessage, reason) switch
        {
            (not null, null) => $"{What} failed for '{_account.Name}': the device said: {deviceMessage}",
            (not null, _) => $"{What} failed for '{_account.Name}': {reason} after saying: {deviceMessage}",
            _ => $"{What} failed for '{_account.Name}': {reason}; the credentials were refused.",
        };
        return new LoginFailedException(message.TrimEnd('.') + "." + Hint, deviceMessage, _account.Name, inner);
    }

    // What the device printed between our answer and its next prompt (an error message the
    // driver's patterns did not know), or null when it printed nothing.
    private string? Said(string before)
    {
        var lines = before.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return lines.Length == 0 ? null : _channel.Redact(string.Join(" / ", lines.TakeLast(3)));
    }

    private string LastLines(string tail)
    {
        var lines = tail.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        return _channel.Redact(string.Join(" / ", lines.TakeLast(2)));
    }
}
