namespace Vty.Inventory.Formats;

/// <summary>One group of a draft inventory: its own settings and the groups it belongs to.</summary>
internal sealed class GroupDraft(string name)
{
    public string Name { get; } = name;

    public HostSettings Settings { get; set; } = new();

    public List<string> Parents { get; } = [];

    public void AddParent(string parent)
    {
        if (!Parents.Contains(parent))
            Parents.Add(parent);
    }
}
