namespace Vty.Inventory.Formats;

/// <summary>Which of a host's groups wins when two set the same value.</summary>
internal enum GroupPrecedence
{
    /// <summary>Groups are applied in the order listed; the last wins.</summary>
    LaterWins,

    /// <summary>Ansible's rule: by depth below <c>all</c>, then by name; the deepest, then alphabetically last, wins.</summary>
    ByDepthThenName,

    /// <summary>Nornir's rule: the first group listed (with its own parents) wins.</summary>
    FirstWins,
}
