namespace Vty.Lab;

/// <summary>How an OS words command-line errors. Each function returns the complete output for the error.</summary>
public sealed record LabErrorStyle(Func<LabParseError, LabOutput> Format)
{
    /// <summary>Cisco IOS, IOS-XE and IOS-XR.</summary>
    public static LabErrorStyle Ios { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail("% Incomplete command.\n\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail($"% Ambiguous command:  \"{e.Line.Trim()}\"\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\n% Invalid input detected at '^' marker.\n\n"),
    });

    /// <summary>Cisco NX-OS.</summary>
    public static LabErrorStyle Nxos { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail($"{e.CaretLine}\n% Incomplete command at '^' marker.\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\n% Ambiguous command at '^' marker.\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\n% Invalid command at '^' marker.\n"),
    });

    /// <summary>Arista EOS (no caret; names the token).</summary>
    public static LabErrorStyle Eos { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail("% Incomplete command\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail("% Ambiguous command\n"),
        _ => LabOutput.Fail($"% Invalid input (at token {TokenIndex(e)}: '{e.Token}')\n"),
    });

    /// <summary>Cisco ASA: the IOS wording behind "ERROR: ".</summary>
    public static LabErrorStyle Asa { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail("ERROR: % Incomplete command\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail($"ERROR: % Ambiguous command:  \"{e.Line.Trim()}\"\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\nERROR: % Invalid input detected at '^' marker.\n"),
    });

    /// <summary>Dell EMC OS10.</summary>
    public static LabErrorStyle Os10 { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail("% Error: Incomplete command.\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail("% Error: Ambiguous command.\n"),
        LabParseErrorKind.UnknownCommand => LabOutput.Fail("% Error: Unrecognized command.\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\n% Error: Invalid input at \"^\" marker.\n"),
    });

    /// <summary>Huawei VRP.</summary>
    public static LabErrorStyle Vrp { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.Incomplete => LabOutput.Fail($"{e.CaretLine}\nError: Incomplete command found at '^' position.\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\nError: Ambiguous command found at '^' position.\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\nError: Unrecognized command found at '^' position.\n"),
    });

    /// <summary>Juniper Junos.</summary>
    public static LabErrorStyle Junos { get; } = new(e => e.Kind switch
    {
        LabParseErrorKind.UnknownCommand => LabOutput.Fail($"{e.CaretLine}\nunknown command.\n"),
        LabParseErrorKind.Ambiguous => LabOutput.Fail($"{e.CaretLine}\n'{e.Token}' is ambiguous.\n"),
        _ => LabOutput.Fail($"{e.CaretLine}\nsyntax error, expecting <command>.\n"),
    });

    /// <summary>Bash: unknown commands exit 127 with a message on stderr.</summary>
    public static LabErrorStyle Bash { get; } = new(e =>
        LabOutput.Stderr($"bash: {e.Token}: command not found\n", 127));

    /// <summary>Zero-based index of the error's token in the line, as EOS counts it.</summary>
    private static int TokenIndex(LabParseError e)
    {
        int count = 0;
        bool inWord = false;
        for (int i = 0; i < e.Column && i < e.Line.Length; i++)
        {
            bool space = e.Line[i] == ' ';
            if (!space && !inWord)
                count++;
            inWord = !space;
        }
        return count;
    }
}
