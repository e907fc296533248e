using System.Text;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>
/// Hostile or broken input through the CLI: each run ends with exit 2 and a message saying what to do, or with a
/// finding naming the file — never a crash, a stack trace or a hang.
/// </summary>
[NonParallelizable]
[Category(TestCategories.ExternalTool)]
public class ValidateBadInputTests
{
    private static async Task<CliResult> ValidateRepo(TestRepo repo)
    {
        var result = await CliRunner.RunAsync("validate", "--repo", repo.Root);
        Assert.That(result.All, Does.Not.Contain("   at PlatformValidation"), "no stack trace");
        Assert.That(result.All, Does.Not.Contain("Unhandled exception"));
        return result;
    }

    /// <summary>A root that recurses over apps/, so a bad file there is both scanned and rendered.</summary>
    private static TestRepo RepoWithRoot() => new TestRepo().WithRoot("root.yaml", "root", "apps");

    [Test]
    public async Task MissingDirectoryExitsTwoAndSaysSo()
    {
        var result = await CliRunner.RunAsync("validate", "--repo", "/definitely/not/here");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("/definitely/not/here").And.Contain("does not exist"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task RepoWithoutArgoObjectsExitsTwo()
    {
        using var repo = new TestRepo().With("README.md", "nothing here");

        var result = await ValidateRepo(repo);

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("no Argo CD Application"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task BinaryFileIsAFinding()
    {
        using var repo = RepoWithRoot().WithBytes("apps/blob.yaml", [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0xff, 0xfe]);

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/blob.yaml");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task InvalidYamlIsAFindingWithItsLine()
    {
        using var repo = RepoWithRoot().With("apps/broken.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\ndata: {}\n");

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/broken.yaml:");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TabIndentationIsAFinding()
    {
        using var repo = RepoWithRoot().With("apps/tabs.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tabbed\n");

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/tabs.yaml");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task AliasBombIsAFinding()
    {
        var bomb = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (var i = 0; i < 9; i++)
        {
            var prev = (char)('a' + i);
            var next = (char)('b' + i);
            bomb.Append($"  {next}: &{next} [*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev},*{prev}]\n");
        }

        using var repo = RepoWithRoot().With("apps/bomb.yaml", bomb.ToString());

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/bomb.yaml");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TwentyThousandDeepNestingIsAFinding()
    {
        var deep = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata:\n  x: " + new string('[', 20_000) + new string(']', 20_000) + "\n";
        using var repo = RepoWithRoot().With("apps/deep.yaml", deep);

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/deep.yaml");
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task FiftyMegabyteFileIsAFindingNamingTheLimit()
    {
        var big = new StringBuilder("apiVersion: v1\nkind: ConfigMap\nmetadata: {name: big}\ndata:\n");
        var line = "  k" + new string('x', 90) + ": v\n";
        while (big.Length < 50 * 1024 * 1024)
        {
            big.Append(line.Replace("k", "k" + big.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
        }

        using var repo = RepoWithRoot().With("apps/big.yaml", big.ToString());

        var result = await ValidateRepo(repo);

        AssertFinding(result, "YAML001", "apps/big.yaml");
        Assert.That(result.Stdout, Does.Contain("--max-file-size").Or.Contain("bytes"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task ApplicationPathEscapingTheRepoIsAFinding()
    {
        using var repo = RepoWithRoot().With("apps/escape.yaml", TestRepo.App("escape", "../.."));

        var result = await ValidateRepo(repo);

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("apps/escape.yaml").And.Contain("escape"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task RootThatManagesItselfIsReported()
    {
        using var repo = new TestRepo().WithRoot("apps/root.yaml", "self", "apps");

        var result = await ValidateRepo(repo);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("ARGO002").And.Contain("self"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task TwoAppsManagingEachOtherAreReported()
    {
        using var repo = new TestRepo()
            .With("a/app-b.yaml", TestRepo.App("app-b", "b"))
            .With("b/app-a.yaml", TestRepo.App("app-a", "a"));

        var result = await ValidateRepo(repo);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("ARGO002"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task SymlinkLoopIsReportedNotFollowedForever()
    {
        using var repo = RepoWithRoot().With("apps/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm}\n");
        Directory.CreateSymbolicLink(repo.PathOf("apps/loop"), repo.PathOf("apps"));
        File.CreateSymbolicLink(repo.PathOf("apps/self.yaml"), repo.PathOf("apps/self.yaml"));

        var result = await ValidateRepo(repo);

        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("self.yaml").Or.Contain("loop"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task UnparsableYamlThatIsNoManifestIsSkippedAsArgoCdDoes()
    {
        using var repo = RepoWithRoot().With("mkdocs.yml", "site_name: docs\nnav:\n\t- index.md\n");

        var result = await ValidateRepo(repo);

        Assert.That(result.Stdout, Does.Not.Contain("YAML001"), result.ToString());
    }

    private static void AssertFinding(CliResult result, string id, string where)
    {
        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stdout, Does.Contain(id), result.ToString());
        Assert.That(result.Stdout, Does.Contain(where), result.ToString());
    }
}
