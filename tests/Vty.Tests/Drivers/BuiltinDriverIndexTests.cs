using Vty.Drivers;

namespace Vty.Tests.Drivers;

/// <summary>
/// The built-in catalogue parses a driver when it is first used: names and aliases come from an
/// index of each file's top-level lines, which must agree with what the YAML parser reads.
/// </summary>
public sealed class BuiltinDriverIndexTests
{
    [Fact]
    public void Using_a_driver_parses_it_and_its_base_and_nothing_else()
    {
        DriverCatalog catalog = DriverCatalog.LoadBuiltin();
        Assert.True(catalog.Names.Count > 100);
        Assert.DoesNotContain(catalog.Names, catalog.IsParsed);

        Driver xe = catalog.Get("iosxe"); // by alias
        Assert.Equal("ios_xe", xe.Name);
        Assert.Equal("ios", xe.Extends);
        Assert.Equal(["ios", "ios_xe"], catalog.Names.Where(catalog.IsParsed));
        Assert.Same(xe, catalog.Get("ios_xe"));
    }

    [Fact]
    public void Every_built_in_file_is_indexed_as_the_parser_reads_it()
    {
        DriverCatalog catalog = DriverCatalog.LoadBuiltin();
        // Parsing checks the index against the parsed driver and throws on any difference.
        IReadOnlyList<Driver> drivers = catalog.Drivers;
        Assert.Equal(catalog.Names, drivers.Select(d => d.Name));
        Assert.All(catalog.Names, name => Assert.True(catalog.IsParsed(name)));
        Assert.Equal(drivers.SelectMany(d => d.Aliases.Select(a => (a, d.Name))).Order(), catalog.Aliases.Select(p => (p.Key, p.Value)).Order());
        Assert.Equal(DriverCatalog.Builtin.Names, catalog.Names);
    }

    [Theory]
    [InlineData("drivers:\n  - name: a\n", "several drivers")]
    [InlineData("name: a\n---\nname: b\n", "several drivers")]
    [InlineData("description: x\n", "no top-level 'name:'")]
    [InlineData("name: a\nname: b\n", "twice")]
    [InlineData("name: a\naliases:\n  - b\n", "one-line [a, b] list")]
    public void A_file_the_index_cannot_read_is_reported_with_the_rule(string yaml, string problem)
    {
        var e = Assert.Throws<DriverDefinitionException>(() => BuiltinDriverIndex.Index("builtin:x.yaml", yaml));
        Assert.Contains(problem, e.Message);
        Assert.Contains("builtin:x.yaml", e.Message);
    }

    [Fact]
    public void Quoted_names_and_aliases_are_read_without_their_quotes()
    {
        BuiltinDriverDefinition d = BuiltinDriverIndex.Index("builtin:x.yaml", "name: 'ab'\ndescription: y\naliases: [\"c\", d ,e]\n");
        Assert.Equal("ab", d.Name);
        Assert.Equal(["c", "d", "e"], d.Aliases);
    }
}
