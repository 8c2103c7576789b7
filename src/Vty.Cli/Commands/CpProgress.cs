using System.Diagnostics;
using System.Globalization;
using Vty.Ssh.FileTransfer;

namespace Vty.Cli.Commands;

/// <summary>A one-line progress bar on the terminal's stderr (nothing when stderr is not a terminal).</summary>
internal sealed class CpProgress(TextWriter error, bool enabled)
{
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private string _last = "";

    public Action<FileTransferProgress>? Callback => enabled ? Draw : null;

    private void Draw(FileTransferProgress p)
    {
        double seconds = Math.Max(_clock.Elapsed.TotalSeconds, 0.001);
        string name = Path.GetFileName(p.Path.TrimEnd('/'));
        if (name.Length > 30) name = name[..29] + "…";
        string line;
        if (p.TotalBytes is > 0 and var total)
        {
            double fraction = Math.Clamp((double)p.BytesTransferred / total, 0, 1);
            int filled = (int)(fraction * 20);
            line = string.Create(CultureInfo.InvariantCulture,
                $"{name,-30} [{new string('#', filled)}{new string('.', 20 - filled)}] {fraction * 100,5:0.0}% {Size(p.BytesTransferred)} {Size((long)(p.BytesTransferred / seconds))}/s");
        }
        else
        {
            line = string.Create(CultureInfo.InvariantCulture, $"{name,-30} {Size(p.BytesTransferred)} {Size((long)(p.BytesTransferred / seconds))}/s");
        }
        if (line == _last) return;
        _last = line;
        error.Write("\r" + line.PadRight(78));
    }

    public void Finish()
    {
        if (enabled && _last.Length > 0) error.WriteLine();
        _last = "";
        _clock.Restart();
    }

    private static string Size(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0}GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0}MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0}KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes}B"),
    };
}
