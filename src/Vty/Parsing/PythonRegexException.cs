namespace Vty.Parsing;

/// <summary>A Python-dialect regular expression that Vty cannot match the way Python would (or that Python itself refuses).</summary>
public sealed class PythonRegexException : VtyException
{
    /// <summary>Creates the exception for <paramref name="pattern"/> at character <paramref name="position"/>.</summary>
    public PythonRegexException(string pattern, int position, string problem)
        : base($"{problem} (at position {position} of '{pattern}')")
    {
        Pattern = pattern;
        Position = position;
        Problem = problem;
    }

    /// <summary>The pattern as written.</summary>
    public string Pattern { get; }

    /// <summary>Where in <see cref="Pattern"/> the problem is (0-based).</summary>
    public int Position { get; }

    /// <summary>What is wrong and what to write instead.</summary>
    public string Problem { get; }
}
