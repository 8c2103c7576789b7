namespace Vty.Nats.Tests.Support;

/// <summary>The tests that use the 300-device lab share one and run one after another (two cores).</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabFleet>
{
    public const string Name = "lab fleet";
}
