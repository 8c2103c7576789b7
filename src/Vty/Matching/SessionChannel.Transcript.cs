using Microsoft.Extensions.Logging;

namespace Vty.Matching;

// The redacted transcript and the secrets it hides.
internal sealed partial class SessionChannel
{
    /// <summary>Remembers a secret so it is redacted wherever it would show in the transcript.</summary>
    public void AddSecret(string? secret)
    {
        if (string.IsNullOrEmpty(secret) || secret.Length < MinimumSecretLength)
            return;
        lock (_gate)
        {
            if (!_secrets.Contains(secret))
                _secrets.Add(secret);
        }
    }

    private async ValueTask WriteTranscriptAsync(string? text, bool flush)
    {
        var transcript = _options.Transcript;
        if (transcript is null)
            return;
        try
        {
            if (!string.IsNullOrEmpty(text))
                await transcript.WriteAsync(Redact(text)).ConfigureAwait(false);
            if (flush)
                await transcript.FlushAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is IOException or ObjectDisposedException)
        {
            _options.Logger.LogWarning(ex, "{Name} writing the transcript failed", _options.Name);
        }
    }

    /// <summary>Replaces every known secret in <paramref name="text"/> by <c>********</c>.</summary>
    public string Redact(string text)
    {
        string[] secrets;
        lock (_gate)
        {
            if (_secrets.Count == 0)
                return text;
            secrets = [.. _secrets];
        }

        foreach (string secret in secrets)
            text = text.Replace(secret, Redacted, StringComparison.Ordinal);
        return text;
    }
}
