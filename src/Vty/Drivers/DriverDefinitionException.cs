namespace Vty.Drivers;

/// <summary>
/// A driver definition (built-in or a user YAML file) is invalid. The message names the file, the
/// driver, the field and what is wrong, so the file can be fixed without reading code.
/// </summary>
public sealed class DriverDefinitionException : VtyDriverException
{
    public DriverDefinitionException(string source, string? driverName, string? field, string problem, Exception? inner = null)
        : base(Format(source, driverName, field, problem), inner)
    {
        Source = source;
        DriverName = driverName;
        Field = field;
        Problem = problem;
    }

    /// <summary>The file (or built-in resource) the definition came from.</summary>
    public new string Source { get; }

    /// <summary>The driver being defined, when known.</summary>
    public string? DriverName { get; }

    /// <summary>The field at fault, e.g. <c>prompts.any[1]</c>, when known.</summary>
    public string? Field { get; }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    private static string Format(string source, string? driver, string? field, string problem)
    {
        string where = source;
        if (driver is not null)
            where += $", driver '{driver}'";
        if (field is not null)
            where += $", field '{field}'";
        return $"{where}: {problem}";
    }
}
