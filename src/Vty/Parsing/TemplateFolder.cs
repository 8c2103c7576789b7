using System.Reflection;

namespace Vty.Parsing;

/// <summary>Where a CliTable reads its index and templates: a directory, or the built-in set.</summary>
internal abstract class TemplateFolder
{
    /// <summary>How the folder is shown in messages (a path, or "built-in").</summary>
    public abstract string DisplayName { get; }

    /// <summary>The text of <paramref name="name"/> in this folder, or null when there is no such file.</summary>
    public abstract string? Read(string name);

    /// <summary>Where a template's errors should point.</summary>
    public abstract string SourceOf(string name);

    public static TemplateFolder FromDirectory(string path) => new DirectoryFolder(Path.GetFullPath(path));

    public static TemplateFolder BuiltIn { get; } = new EmbeddedFolder();

    private sealed class DirectoryFolder(string path) : TemplateFolder
    {
        public override string DisplayName => path;

        public override string? Read(string name)
        {
            string file = Path.Combine(path, name);
            return File.Exists(file) ? File.ReadAllText(file) : null;
        }

        public override string SourceOf(string name) => Path.Combine(path, name);
    }

    private sealed class EmbeddedFolder : TemplateFolder
    {
        private const string Prefix = "Vty.Parsing.Templates.";

        public override string DisplayName => "built-in";

        public override string? Read(string name)
        {
            using Stream? stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Prefix + name);
            if (stream is null)
                return null;
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        public override string SourceOf(string name) => "builtin:" + name;
    }
}
