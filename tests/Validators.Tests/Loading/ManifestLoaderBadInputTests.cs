using System.Text;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Loading;

/// <summary>Hostile input ends in a YAML001 finding (or a LoadException for an unreadable repo), never a crash or a hang.</summary>
[CancelAfter(60_000)]
public class ManifestLoaderBadInputTests
{
    [Test]
    public void MissingRepoDirectoryIsALoadExceptionThatNamesThePath()
    {
        var path = Path.Combine(Path.GetTempPath(), "pv-no-such-" + Guid.NewGuid().ToString("N"));

        var ex = Assert.Throws<LoadException>(() => RepoTree.Open(path));
        Assert.That(ex!.Message, Does.Contain(path).And.Contain("does not exist"));
    }

    [Test]
    public void RepoPathThatIsAFileIsALoadException()
    {
        using var repo = new TempRepo().With("f.yaml", "a: 1");

        var ex = Assert.Throws<LoadException>(() => RepoTree.Open(Path.Combine(repo.Root, "f.yaml")));
        Assert.That(ex!.Message, Does.Contain("is a file"));
    }

    [Test]
    public void BinaryFileIsAFinding()
    {
        using var repo = new TempRepo().WithBytes("bin.yaml", [0x7F, 0x45, 0x4C, 0x46, 0x00, 0x01, 0x02]);

        var result = new ManifestLoader().LoadFile(repo.Tree(), "bin.yaml");

        Assert.That(result.Findings.Single().Message, Does.Contain("binary"));
        Assert.That(result.Findings.Single().Location!.File, Is.EqualTo("bin.yaml"));
    }

    [Test]
    public void InvalidYamlIsAFindingWithLineAndColumn()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: [unclosed\n", "bad.yaml");

        var f = result.Findings.Single();
        Assert.That(f.Id, Is.EqualTo("YAML001"));
        Assert.That(f.Message, Does.StartWith("invalid YAML"));
        Assert.That(f.Location!.Line, Is.GreaterThanOrEqualTo(4));
        Assert.That(f.FixHint, Is.Not.Empty);
    }

    [Test]
    public void TabIndentationIsAFindingThatSaysUseSpaces()
    {
        var result = new ManifestLoader().LoadText("apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: x\n", "tabs.yaml");

        var f = result.Findings.Single();
        Assert.That(f.Message, Does.Contain("tab"));
        Assert.That(f.FixHint, Does.Contain("spaces"));
        Assert.That(f.Location!.Line, Is.EqualTo(4));
    }

    [Test]
    public void AliasBombIsCappedWithAFinding()
    {
        var sb = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (var i = 1; i < 12; i++)
        {
            sb.Append($"l{i}: &l{i} [").Append(string.Join(", ", Enumerable.Repeat(i == 1 ? "*a" : $"*l{i - 1}", 10))).Append("]\n");
        }

        var result = new ManifestLoader().LoadText(sb.ToString(), "bomb.yaml");

        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Findings.Single().Message, Does.Contain("alias bomb").And.Contain("MaxNodes"));
    }

    [Test]
    public void TwentyThousandDeepNestingIsCappedWithoutStackOverflow()
    {
        var text = "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: deep}\ndata: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

        var result = new ManifestLoader().LoadText(text, "deep.yaml");

        Assert.That(result.Findings.Single().Message, Does.Contain("nesting deeper than 200").And.Contain("MaxDepth"));
    }

    [Test]
    public void TwentyThousandDeepBlockMappingsAreCappedToo()
    {
        var sb = new StringBuilder();
        for (var i = 0; i < 2_000; i++)
        {
            sb.Append(' ', i).Append("k:\n");
        }

        var result = new ManifestLoader().LoadText(sb.ToString(), "deep-block.yaml");

        Assert.That(result.Findings.Single().Message, Does.Contain("MaxDepth"));
    }

    [Test]
    public void FileAboveTheSizeLimitIsAFindingNamingTheLimitAndTheOption()
    {
        using var repo = new TempRepo();
        using (var f = File.Create(Path.Combine(repo.Root, "big.yaml")))
        {
            f.SetLength(50L * 1024 * 1024);
        }

        var result = new ManifestLoader().LoadFile(repo.Tree(), "big.yaml");

        var finding = result.Findings.Single();
        Assert.That(finding.Message, Does.Contain("52,428,800 bytes").And.Contain("16,777,216").And.Contain("MaxFileBytes"));
        Assert.That(finding.FixHint, Does.Contain("--max-file-size"));
    }

    [Test]
    public void SizeLimitIsConfigurable()
    {
        var result = new ManifestLoader(new LoaderOptions { MaxFileBytes = 10 }).LoadText("apiVersion: v1\nkind: Namespace\n", "small.yaml");

        Assert.That(result.Findings.Single().Message, Does.Contain("limit of 10 bytes"));
    }

    [Test]
    public void NonUtf8BytesAreAFindingWithTheirPosition()
    {
        var bytes = "apiVersion: v1\nkind: ConfigMap\ndata: {a: "u8.ToArray().Concat(new byte[] { 0xC3, 0x28 }).Concat("}\n"u8.ToArray()).ToArray();

        var result = new ManifestLoader().LoadBytes(bytes, "latin.yaml");

        var f = result.Findings.Single();
        Assert.That(f.Message, Does.Contain("not valid UTF-8"));
        Assert.That(f.Location, Is.EqualTo(new SourceLocation("latin.yaml", 3, 11)));
    }

    [Test]
    public void SymlinkLoopIsAFindingNotAHang()
    {
        using var repo = new TempRepo()
            .With("ok.yaml", "apiVersion: v1\nkind: Namespace\nmetadata: {name: ok}\n")
            .WithSymlink("a.yaml", "b.yaml")
            .WithSymlink("b.yaml", "a.yaml");

        var result = new ManifestLoader().LoadDirectory(repo.Tree(), string.Empty, recursive: true);

        Assert.That(result.Objects.Single().Name, Is.EqualTo("ok"));
        Assert.That(result.Findings.Select(f => f.Location!.File), Is.EquivalentTo(new[] { "a.yaml", "b.yaml" }));
        Assert.That(result.Findings.First().Message, Does.Contain("loop"));
    }

    [Test]
    public void SymlinkEscapingTheRepoIsSkippedWithAFinding()
    {
        using var outside = new TempRepo().With("secret.yaml", "apiVersion: v1\nkind: Secret\nmetadata: {name: s}\n");
        using var repo = new TempRepo().WithSymlink("leak.yaml", Path.Combine(outside.Root, "secret.yaml"));

        var tree = repo.Tree();
        var result = new ManifestLoader().LoadDirectory(tree, string.Empty, recursive: true);

        Assert.That(result.Objects, Is.Empty);
        Assert.That(result.Findings.Single().Message, Does.Contain("outside the repository"));
        Assert.That(tree.TryReadFile("leak.yaml", 1000, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("outside the repository"));
    }

    [Test]
    public void DotDotPathsCannotEscapeTheRepo()
    {
        using var repo = new TempRepo().With("a/x.yaml", "a: 1");

        Assert.That(repo.Tree().TryReadFile("a/../../etc/passwd", 1000, out _, out var problem), Is.False);
        Assert.That(problem, Does.Contain("outside the repository"));
        Assert.That(RepoTree.NormalizePath("a/./b/../c/"), Is.EqualTo("a/c"));
    }

    [Test]
    public void ListingIsSortedAndDoesNotFollowSymlinkedDirectories()
    {
        using var repo = new TempRepo().With("b/2.yaml", "x").With("a/1.yaml", "x").With("a/z/3.yaml", "x").WithSymlink("c", "a");

        var listing = repo.Tree().List(string.Empty, recursive: true);

        Assert.That(listing.Files, Is.EqualTo(new[] { "a/1.yaml", "a/z/3.yaml", "b/2.yaml" }));
        Assert.That(listing.Directories, Is.EqualTo(new[] { "a", "a/z", "b" }));
    }
}
