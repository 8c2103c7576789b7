namespace Vty.Matching;

/// <summary>Which text a pattern is matched against.</summary>
internal enum MatchScope
{
    /// <summary>The received text as one stream (Expect/WaitFor with user patterns); scanned incrementally.</summary>
    Stream,

    /// <summary>Each line separately, the current unterminated line included (error and login-error patterns).</summary>
    EachLine,

    /// <summary>Only the current (last, unterminated) line, and only text after the consumed position (prompts).</summary>
    CurrentLine,
}
