namespace Vty.Lab;

/// <summary>Runs one matched command against the session and device state and says what to print.</summary>
public delegate LabOutput LabHandler(LabCommandContext context);
