namespace Vty.Inventory.Formats;

/// <summary>One host of a draft inventory: its own settings and its groups.</summary>
internal sealed class HostDraft(string name)
{
    public string Name { get; } = name;

    public HostSettings Settings { get; set; } = new();

    public List<string> Groups { get; } = [];

    public void AddGroup(string group)
    {
        if (!Groups.Contains(group))
            Groups.Add(group);
    }
}
