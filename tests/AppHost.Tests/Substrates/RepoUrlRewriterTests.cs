using PlatformValidation.AppHost.Substrates;

namespace PlatformValidation.AppHost.Tests.Substrates;

public sealed class RepoUrlRewriterTests
{
    private static readonly string[] Canonical = ["https://github.com/example-org/ai-platform.git"];

    [TestCase("repoURL: https://github.com/example-org/ai-platform.git\n", "repoURL: http://git/platform.git\n")]
    [TestCase("repoURL: https://github.com/example-org/ai-platform\n", "repoURL: http://git/platform.git\n")]
    [TestCase("  - 'https://github.com/example-org/ai-platform.git'\n", "  - 'http://git/platform.git'\n")]
    [TestCase("repoURL: https://github.com/example-org/ai-platform-extras.git\n", "repoURL: https://github.com/example-org/ai-platform-extras.git\n")]
    [TestCase("url: https://github.com/example-org/ai-platform/tree/main\n", "url: https://github.com/example-org/ai-platform/tree/main\n")]
    public void WholeCanonicalUrlsAreRewrittenAndNothingElse(string input, string expected)
    {
        var variants = Canonical.SelectMany(u => new[] { u, u[..^4] }).OrderByDescending(u => u.Length).ToList();
        Assert.That(RepoUrlRewriter.RewriteText(input, variants, "http://git/platform.git"), Is.EqualTo(expected));
    }

    [Test]
    public void OnlyManifestFilesOfTheTreeAreRewritten()
    {
        var root = Directory.CreateTempSubdirectory("pv-rewrite-");
        try
        {
            File.WriteAllText(Path.Combine(root.FullName, "app.yaml"), "repoURL: https://github.com/example-org/ai-platform.git\n");
            File.WriteAllText(Path.Combine(root.FullName, "README.md"), "https://github.com/example-org/ai-platform.git\n");
            var changed = RepoUrlRewriter.Rewrite(root.FullName, Canonical, "http://git/platform.git");
            Assert.That(changed, Is.EqualTo(new[] { "app.yaml" }));
            Assert.That(File.ReadAllText(Path.Combine(root.FullName, "README.md")), Does.Contain("example-org"));
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }
}
