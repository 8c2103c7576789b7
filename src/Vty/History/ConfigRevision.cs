namespace Vty.History;

/// <summary>One stored version of a host's configuration: the commit that holds it.</summary>
/// <param name="Commit">Full commit id.</param>
/// <param name="Date">Commit date.</param>
/// <param name="Author">Author name.</param>
/// <param name="Subject">First line of the commit message.</param>
public sealed record ConfigRevision(string Commit, DateTimeOffset Date, string Author, string Subject)
{
    /// <summary>The short commit id (12 hex digits).</summary>
    public string ShortCommit => Commit.Length > 12 ? Commit[..12] : Commit;
}
