using System.Text.RegularExpressions;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Docs;

/// <summary>
/// Every citation of a design note in the code and the docs names a section that exists in the repo's own
/// <c>docs/design/</c>, and nothing points at material outside the repository.
/// </summary>
public partial class DesignNoteCitationTests
{
    private static readonly (string Key, string File)[] Notes =
    [
        ("ARGOCD-SEMANTICS", "docs/design/argocd-semantics.md"),
        ("VLLM-FACTS", "docs/design/vllm-facts.md"),
    ];

    [Test]
    public void EveryCitedSectionExistsInTheDesignNotes()
    {
        var sections = Notes.ToDictionary(note => note.Key, note => SectionNumbers(File.ReadAllText(Path.Combine(RepoPaths.Root, note.File))));
        var missing = Citations()
            .Where(citation => !sections[citation.Key].Contains(citation.Section))
            .Select(citation => $"{citation.Path}:{citation.Line}: {citation.Key} §{citation.Section} has no such section in docs/design/")
            .ToList();

        Assert.That(missing, Is.Empty);
    }

    [Test]
    public void SourcesAndDocsCiteNothingOutsideTheRepository()
    {
        var outside = new List<string>();
        foreach (var (path, lines) in RepoTextFiles())
        {
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideReference().IsMatch(lines[i]))
                {
                    outside.Add($"{path}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.That(outside, Is.Empty);
    }

    [Test]
    public void TheCitationScanFindsTheCodesCitations()
    {
        // Guards the two tests above against passing vacuously (a scan that reads nothing finds nothing wrong).
        Assert.That(Citations().Count(citation => citation.Key == "ARGOCD-SEMANTICS"), Is.GreaterThan(100));
    }

    private static HashSet<string> SectionNumbers(string markdown)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (Match match in SectionHeading().Matches(markdown))
        {
            numbers.Add(match.Groups["n"].Value);
        }

        return numbers;
    }

    /// <summary>
    /// Every <c>§N</c> in the code and docs. A line that names <c>VLLM-FACTS</c> cites the vLLM note; any other
    /// section sign cites the Argo CD note (the reconciler's comments write just <c>[§5.1]</c>).
    /// </summary>
    private static IEnumerable<(string Path, int Line, string Key, string Section)> Citations()
    {
        foreach (var (path, lines) in RepoTextFiles())
        {
            for (var i = 0; i < lines.Length; i++)
            {
                var line = lines[i];
                var key = line.Contains("VLLM-FACTS", StringComparison.Ordinal) || line.Contains("vllm-facts.md", StringComparison.Ordinal)
                    ? "VLLM-FACTS"
                    : "ARGOCD-SEMANTICS";
                if (key == "ARGOCD-SEMANTICS" && !line.Contains("ARGOCD-SEMANTICS", StringComparison.Ordinal) && !line.Contains("argocd-semantics.md", StringComparison.Ordinal) &&
                    ExternalSpec().IsMatch(line))
                {
                    continue; // a section of an RFC or another standard, not of our notes
                }

                foreach (Match match in SectionSign().Matches(line))
                {
                    yield return (path, i + 1, key, match.Groups["n"].Value.TrimEnd('.'));
                }
            }
        }
    }

    private static IEnumerable<(string Path, string[] Lines)> RepoTextFiles()
    {
        string[] roots = ["src", "tests", "docs", "scenarios"];
        string[] extensions = [".cs", ".md", ".yaml", ".yml", ".lua", ".csproj", ".props", ".sh"];
        var files = roots
            .Select(root => Path.Combine(RepoPaths.Root, root))
            .Where(Directory.Exists)
            .SelectMany(root => Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            .Append(Path.Combine(RepoPaths.Root, "README.md"));
        foreach (var file in files)
        {
            var relative = Path.GetRelativePath(RepoPaths.Root, file).Replace('\\', '/');
            if (!extensions.Contains(Path.GetExtension(file)) || IsBuildOutput(relative) || IsFixture(relative))
            {
                continue;
            }

            yield return (relative, File.ReadAllLines(file));
        }
    }

    private static bool IsBuildOutput(string relative) =>
        relative.Split('/').Any(part => part is "bin" or "obj" or "TestResults" or "node_modules");

    // Fixtures may hold hostile input on purpose (paths that climb out of a repo, for example).
    private static bool IsFixture(string relative) =>
        relative.Contains("/Fixtures/", StringComparison.Ordinal) || relative.Contains("/testdata/", StringComparison.Ordinal)
        || relative.EndsWith("DesignNoteCitationTests.cs", StringComparison.Ordinal);

    [GeneratedRegex(@"\b(RFC|ISO|POSIX|ECMA)[ -]?\d*", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalSpec();

    [GeneratedRegex(@"§\s*(?<n>\d+(?:\.\d+)*)")]
    private static partial Regex SectionSign();

    [GeneratedRegex(@"^#{2,4}\s+(?<n>\d+(?:\.\d+)*)\.?\s", RegexOptions.Multiline)]
    private static partial Regex SectionHeading();

    [GeneratedRegex(@"\.\./sh[a]red/|sh[a]red/design/|/w[o]rk/|/h[o]me/[a-z]+/")] // bracketed letters: the same pattern, without naming those paths itself
    private static partial Regex OutsideReference();
}
