using Vty.Lab.Profiles;

namespace Vty.Lab;

/// <summary>The built-in device profiles, by name.</summary>
public static class DeviceProfiles
{
    private static readonly Lazy<Dictionary<string, DeviceProfile>> All = new(() =>
    {
        var list = new[]
        {
            IosProfile.Create(),
            IosXeProfile.Create(),
            IosXrProfile.Create(),
            NxosProfile.Create(),
            EosProfile.Create(),
            JunosProfile.Create(),
            VrpProfile.Create(),
            LinuxProfile.Create(),
            AsaProfile.Create(),
            Os10Profile.Create(),
            FortiOsProfile.Create(),
            PanOsProfile.Create(),
            VyosProfile.Create(),
            RouterOsProfile.Create(),
            ComwareProfile.Create(),
            SrosProfile.Create(),
            ExosProfile.Create(),
            ProCurveProfile.Create(),
            AosCxProfile.Create(),
            IcxProfile.Create(),
        };
        return list.ToDictionary(p => p.Name, StringComparer.OrdinalIgnoreCase);
    });

    /// <summary>Names of the built-in profiles.</summary>
    public static IReadOnlyList<string> Names => [.. All.Value.Keys.Order(StringComparer.Ordinal)];

    /// <summary>The profile with this name (case-insensitive).</summary>
    /// <exception cref="ArgumentException">No such profile; the message lists the known ones.</exception>
    public static DeviceProfile Get(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (All.Value.TryGetValue(name, out DeviceProfile? p))
            return p;
        throw new ArgumentException($"Unknown device profile '{name}'. Known profiles: {string.Join(", ", Names)}.", nameof(name));
    }

    /// <summary>Looks a profile up without throwing.</summary>
    public static bool TryGet(string name, out DeviceProfile profile)
    {
        bool found = All.Value.TryGetValue(name, out DeviceProfile? p);
        profile = p!;
        return found;
    }
}
