namespace Vty.Inventory;

/// <summary>
/// The inventory file cannot be used: it does not exist, is not valid YAML, or names an unknown
/// key, group or value. The message says where (file and line) and what to change.
/// </summary>
public sealed class InventoryException : VtyException
{
    public InventoryException(string message) : base(message) { }

    public InventoryException(string message, Exception inner) : base(message, inner) { }
}
