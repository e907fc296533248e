using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Tests.Patterns;

public class PatternTests
{
    // Argo CD directory include/exclude: gobwas/glob without separators [ARGOCD-SEMANTICS §1.2].
    [TestCase("*.yaml", "a.yaml", true)]
    [TestCase("*.yaml", "sub/dir/a.yaml", true)]
    [TestCase("{config.yaml,*.json}", "x.json", true)]
    [TestCase("{config.yaml,*.json}", "config.yaml", true)]
    [TestCase("{config.yaml,*.json}", "other.yaml", false)]
    [TestCase("app?.yaml", "app1.yaml", true)]
    [TestCase("[!x]*.yaml", "xa.yaml", false)]
    [TestCase("[a-c].yaml", "b.yaml", true)]
    [TestCase("**/crds/*", "a/crds/x.yaml", true)]
    [TestCase("\\*.yaml", "*.yaml", true)]
    public void GobwasGlobStarCrossesSlashes_ArgoCdDirectoryIncludeExclude(string pattern, string path, bool expected) =>
        Assert.That(GlobPattern.Compile(pattern).IsMatch(path), Is.EqualTo(expected));

    [TestCase("[abc")]
    [TestCase("{a,b")]
    public void MalformedGlobsThrowFormatException(string pattern) =>
        Assert.Throws<FormatException>(() => GlobPattern.Compile(pattern));

    // Git directories generator: Go path.Match [ARGOCD-SEMANTICS §7.1].
    [TestCase("apps/*", "apps/x", true)]
    [TestCase("apps/*", "apps/x/y", false)]
    [TestCase("apps/*/*", "apps/x/y", true)]
    [TestCase("apps/?", "apps/x", true)]
    [TestCase("apps/[^x]", "apps/x", false)]
    [TestCase("apps/[^x]", "apps/y", true)]
    [TestCase("apps", "apps", true)]
    public void GoPathMatchStarStopsAtSlashes_ArgoCdGitDirectoriesGenerator(string pattern, string path, bool expected) =>
        Assert.That(GoPathMatch.IsMatch(pattern, path), Is.EqualTo(expected));

    // Git files generator default (greedy) globbing: git ls-files pathspec.
    [TestCase("catalog/*.yaml", "catalog/a.yaml", true)]
    [TestCase("catalog/*.yaml", "catalog/x/a.yaml", true)]
    [TestCase("catalog/**/config.json", "catalog/x/y/config.json", true)]
    [TestCase("catalog/groups.yaml", "catalog/groups.yaml", true)]
    [TestCase("catalog", "catalog/groups.yaml", true)]
    [TestCase("catalog/*.json", "catalog/a.yaml", false)]
    public void GitPathspecStarCrossesSlashes_ArgoCdGitFilesGenerator(string pattern, string path, bool expected) =>
        Assert.That(GitPathspec.IsMatch(pattern, path), Is.EqualTo(expected));
}
