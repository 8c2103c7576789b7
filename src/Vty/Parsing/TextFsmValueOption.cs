namespace Vty.Parsing;

/// <summary>The options a TextFSM <c>Value</c> line may carry.</summary>
public enum TextFsmValueOption
{
    /// <summary>A record is kept only when this value is not empty.</summary>
    Required,

    /// <summary>The value carries over into the following records until Clearall.</summary>
    Filldown,

    /// <summary>When set, the value is copied up into earlier records that left it empty.</summary>
    Fillup,

    /// <summary>Part of the record's identity (used by CliTable to join the tables of several templates).</summary>
    Key,

    /// <summary>Every match is appended to a list; nested named groups give a dictionary per match.</summary>
    List,
}
