namespace Vty.Lab;

/// <summary>Kind of one element of a command's syntax.</summary>
public enum LabSyntaxKind
{
    /// <summary>A keyword, matched by unique prefix where the profile allows abbreviations.</summary>
    Keyword,
    /// <summary><c>&lt;name&gt;</c>: any one word.</summary>
    Word,
    /// <summary><c>&lt;name:number&gt;</c>: a decimal number.</summary>
    Number,
    /// <summary><c>&lt;name:interface&gt;</c>: an interface name, abbreviated or split (<c>gi 0/1</c>), canonicalised by the profile.</summary>
    Interface,
    /// <summary><c>&lt;name...&gt;</c>: the rest of the line (at least one word).</summary>
    Rest,
    /// <summary><c>[&lt;name...&gt;]</c>: the rest of the line, possibly empty.</summary>
    OptionalRest,
}
