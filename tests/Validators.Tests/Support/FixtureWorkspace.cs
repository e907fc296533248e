using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Validators.Tests.Support;

/// <summary>
/// A temp copy of scenarios/sample.yaml and scenarios/sample-platform with one fault fixture laid over it. A fixture
/// directory (tests/Validators.Tests/Fixtures/NAME) holds only what changes: files under sample-platform/ replace
/// or add files, deleted-files.txt lists files to remove, scenario-edits.yaml holds find/replace edits of the
/// scenario. The sample can evolve without touching the fixtures.
/// </summary>
public sealed class FixtureWorkspace : IDisposable
{
    private FixtureWorkspace(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string ScenarioFile => Path.Combine(Root, "sample.yaml");

    public string RepoDirectory => Path.Combine(Root, "sample-platform");

    public static string FixturesDirectory => Path.Combine(RepoPaths.Root, "tests", "Validators.Tests", "Fixtures");

    /// <summary>The sample with fixture <paramref name="name"/> applied (null: the clean sample).</summary>
    public static FixtureWorkspace Create(string? name)
    {
        var root = Path.Combine(Path.GetTempPath(), "pv-fixture-" + (name ?? "clean") + "-" + Guid.NewGuid().ToString("N")[..8]);
        CopyDirectory(RepoPaths.SamplePlatform, Path.Combine(root, "sample-platform"));
        File.Copy(RepoPaths.SampleScenario, Path.Combine(root, "sample.yaml"));
        var workspace = new FixtureWorkspace(root);
        if (name is not null)
        {
            workspace.Apply(Path.Combine(FixturesDirectory, name));
        }

        return workspace;
    }

    /// <summary>The absolute path of a repo-relative file of the (patched) sample repo.</summary>
    public string RepoFile(string relative) => Path.Combine(RepoDirectory, relative);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private void Apply(string fixture)
    {
        if (!Directory.Exists(fixture))
        {
            throw new DirectoryNotFoundException("fixture not found: " + fixture);
        }

        var overlay = Path.Combine(fixture, "sample-platform");
        if (Directory.Exists(overlay))
        {
            CopyDirectory(overlay, RepoDirectory);
        }

        var deleted = Path.Combine(fixture, "deleted-files.txt");
        if (File.Exists(deleted))
        {
            foreach (var line in File.ReadAllLines(deleted).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')))
            {
                File.Delete(Path.Combine(Root, line));
            }
        }

        var edits = Path.Combine(fixture, "scenario-edits.yaml");
        if (File.Exists(edits))
        {
            var text = File.ReadAllText(ScenarioFile);
            var stream = new YamlStream();
            stream.Load(new StringReader(File.ReadAllText(edits)));
            foreach (var edit in ((YamlSequenceNode)stream.Documents[0].RootNode).Children.Cast<YamlMappingNode>())
            {
                var find = ((YamlScalarNode)edit.Children[new YamlScalarNode("find")]).Value!;
                var replace = ((YamlScalarNode)edit.Children[new YamlScalarNode("replace")]).Value!;
                if (!text.Contains(find, StringComparison.Ordinal))
                {
                    throw new InvalidOperationException($"scenario edit of {fixture} no longer applies: '{find}' is not in sample.yaml");
                }

                text = text.Replace(find, replace, StringComparison.Ordinal);
            }

            File.WriteAllText(ScenarioFile, text);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var dir in Directory.GetDirectories(from, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(to, Path.GetRelativePath(from, dir)));
        }

        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(to, Path.GetRelativePath(from, file)), overwrite: true);
        }
    }
}
