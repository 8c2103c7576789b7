using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace Vty.Lab.Engine;

/// <summary>
/// The commands of one mode of a command table, split into regex and keyword commands, computed
/// once per table and mode and shared by every session (a table is immutable once in a profile).
/// </summary>
internal sealed class ModeCommands
{
    private static readonly ConditionalWeakTable<IReadOnlyList<LabCommand>, ConcurrentDictionary<string, ModeCommands>> Cache = new();

    private ModeCommands(IReadOnlyList<LabCommand> table, string mode)
    {
        var regex = new List<LabCommand>();
        var keyword = new List<LabCommand>();
        foreach (LabCommand c in table)
        {
            if (!c.IsValidIn(mode))
                continue;
            (c.Pattern is null ? keyword : regex).Add(c);
        }
        Regex = [.. regex];
        Keyword = [.. keyword];
        Syntaxes = [.. keyword.Select(c => c.Elements)];
        Hidden = [.. keyword.Select(c => c.Hidden)];
    }

    public LabCommand[] Regex { get; }
    public LabCommand[] Keyword { get; }
    public IReadOnlyList<LabSyntaxElement>[] Syntaxes { get; }
    public bool[] Hidden { get; }

    public static ModeCommands For(IReadOnlyList<LabCommand> table, string mode) =>
        Cache.GetValue(table, _ => new ConcurrentDictionary<string, ModeCommands>(StringComparer.Ordinal))
             .GetOrAdd(mode, m => new ModeCommands(table, m));
}
