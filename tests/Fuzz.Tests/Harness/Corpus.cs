namespace PlatformValidation.Fuzz.Tests.Harness;

/// <summary>The committed seed inputs of a target (<c>corpus/&lt;target&gt;/</c>, copied next to the test assembly).</summary>
public static class Corpus
{
    /// <summary>Every file of <paramref name="target"/>'s corpus, by name, in name order.</summary>
    public static IReadOnlyList<(string Name, string Text)> Load(string target)
    {
        var directory = Path.Combine(AppContext.BaseDirectory, "corpus", target);
        if (!Directory.Exists(directory))
        {
            throw new DirectoryNotFoundException($"The fuzz corpus '{directory}' is missing: tests/Fuzz.Tests/corpus/{target}/ is copied to the output on build; rebuild the project.");
        }

        return [.. Directory.EnumerateFiles(directory).Order(StringComparer.Ordinal).Select(f => (Path.GetFileName(f), File.ReadAllText(f)))];
    }

    /// <summary>The texts of <paramref name="target"/>'s corpus.</summary>
    public static IReadOnlyList<string> Texts(string target) => [.. Load(target).Select(c => c.Text)];
}
