using System.Text;

namespace Vty.Lab;

/// <summary>
/// One line of a hierarchical device configuration with its sub-lines: an IOS section
/// (<c>interface Loopback0</c> with <c> ip address …</c> under it) or a Junos statement
/// (<c>interfaces</c> → <c>ge-0/0/0</c> → <c>description "x";</c>). The root has empty text.
/// </summary>
public sealed class ConfigNode
{
    private List<ConfigNode>? _children;

    /// <summary>Creates a node with the given line text.</summary>
    public ConfigNode(string text) => Text = text;

    /// <summary>The line, without indentation.</summary>
    public string Text { get; set; }

    /// <summary>Sub-lines in display order.</summary>
    public IReadOnlyList<ConfigNode> Children => (IReadOnlyList<ConfigNode>?)_children ?? [];

    /// <summary>True when the node has sub-lines.</summary>
    public bool HasChildren => _children is { Count: > 0 };

    /// <summary>The child whose text equals <paramref name="text"/> (case-insensitive), or null.</summary>
    public ConfigNode? Find(string text)
    {
        if (_children is null)
            return null;
        foreach (ConfigNode c in _children)
        {
            if (string.Equals(c.Text, text, StringComparison.OrdinalIgnoreCase))
                return c;
        }
        return null;
    }

    /// <summary>The children whose text starts with the words of <paramref name="prefix"/>.</summary>
    public IEnumerable<ConfigNode> StartingWith(string prefix)
    {
        if (_children is null)
            yield break;
        foreach (ConfigNode c in _children)
        {
            if (StartsWithWords(c.Text, prefix))
                yield return c;
        }
    }

    /// <summary>The child with this text, added after the last child starting with <paramref name="groupPrefix"/> (or at the end) if missing.</summary>
    public ConfigNode GetOrAdd(string text, string? groupPrefix = null, string? beforePrefix = null)
    {
        ConfigNode? existing = Find(text);
        if (existing is not null)
            return existing;
        var node = new ConfigNode(text);
        Insert(node, groupPrefix, beforePrefix);
        return node;
    }

    /// <summary>
    /// Adds a child after the last child starting with <paramref name="groupPrefix"/>; without such a
    /// child, before the first child starting with <paramref name="beforePrefix"/>, or at the end.
    /// </summary>
    public void Insert(ConfigNode node, string? groupPrefix = null, string? beforePrefix = null)
    {
        _children ??= [];
        if (groupPrefix is not null)
        {
            for (int i = _children.Count - 1; i >= 0; i--)
            {
                if (StartsWithWords(_children[i].Text, groupPrefix))
                {
                    _children.Insert(i + 1, node);
                    return;
                }
            }
        }
        if (beforePrefix is not null)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                if (StartsWithWords(_children[i].Text, beforePrefix))
                {
                    _children.Insert(i, node);
                    return;
                }
            }
        }
        _children.Add(node);
    }

    /// <summary>Sorts the children that start with <paramref name="prefix"/> among themselves, keeping their first position.</summary>
    public void SortGroup(string prefix, Comparison<ConfigNode> comparison)
    {
        if (_children is null)
            return;
        int first = _children.FindIndex(c => StartsWithWords(c.Text, prefix));
        if (first < 0)
            return;
        List<ConfigNode> group = _children.FindAll(c => StartsWithWords(c.Text, prefix));
        _children.RemoveAll(c => StartsWithWords(c.Text, prefix));
        group.Sort(comparison);
        _children.InsertRange(Math.Min(first, _children.Count), group);
    }

    /// <summary>
    /// Sets a single-valued line: replaces the child that starts with the same first
    /// <paramref name="keyWords"/> words, or adds the line (after <paramref name="groupPrefix"/> siblings).
    /// </summary>
    public ConfigNode SetLine(string text, int keyWords = 1, string? groupPrefix = null)
    {
        string key = FirstWords(text, keyWords);
        if (_children is not null)
        {
            for (int i = 0; i < _children.Count; i++)
            {
                if (string.Equals(FirstWords(_children[i].Text, keyWords), key, StringComparison.OrdinalIgnoreCase))
                {
                    _children[i].Text = text;
                    return _children[i];
                }
            }
        }
        var node = new ConfigNode(text);
        Insert(node, groupPrefix);
        return node;
    }

    /// <summary>Removes the children starting with the words of <paramref name="prefix"/>; returns how many.</summary>
    public int RemoveStartingWith(string prefix) =>
        _children?.RemoveAll(c => StartsWithWords(c.Text, prefix)) ?? 0;

    /// <summary>Removes one child.</summary>
    public bool Remove(ConfigNode child) => _children?.Remove(child) ?? false;

    /// <summary>A deep copy.</summary>
    public ConfigNode Clone()
    {
        var copy = new ConfigNode(Text);
        if (_children is not null)
        {
            copy._children = new List<ConfigNode>(_children.Count);
            foreach (ConfigNode c in _children)
                copy._children.Add(c.Clone());
        }
        return copy;
    }

    /// <summary>True when both trees have the same lines in the same order.</summary>
    public bool SameAs(ConfigNode other)
    {
        if (!string.Equals(Text, other.Text, StringComparison.Ordinal) || Children.Count != other.Children.Count)
            return false;
        for (int i = 0; i < Children.Count; i++)
        {
            if (!Children[i].SameAs(other.Children[i]))
                return false;
        }
        return true;
    }

    /// <summary>The subtree as IOS-style lines: one <paramref name="indent"/> per level below the root.</summary>
    public void RenderIndented(List<string> lines, string indent, int depth = 0)
    {
        foreach (ConfigNode c in Children)
        {
            lines.Add(depth == 0 ? c.Text : string.Concat(Enumerable.Repeat(indent, depth)) + c.Text);
            c.RenderIndented(lines, indent, depth + 1);
        }
    }

    /// <inheritdoc/>
    public override string ToString()
    {
        var lines = new List<string>();
        RenderIndented(lines, " ");
        var sb = new StringBuilder();
        foreach (string l in lines)
            sb.Append(l).Append('\n');
        return sb.ToString();
    }

    /// <summary>True when <paramref name="text"/> starts with the whole words of <paramref name="prefix"/>.</summary>
    public static bool StartsWithWords(string text, string prefix)
    {
        if (!text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            return false;
        return text.Length == prefix.Length || text[prefix.Length] == ' ' || prefix.EndsWith(' ');
    }

    /// <summary>The first <paramref name="count"/> space-separated words of <paramref name="text"/>.</summary>
    public static string FirstWords(string text, int count)
    {
        int idx = 0;
        for (int w = 0; w < count; w++)
        {
            int sp = text.IndexOf(' ', idx);
            if (sp < 0)
                return text;
            idx = sp + 1;
        }
        return text[..(idx - 1)];
    }
}
