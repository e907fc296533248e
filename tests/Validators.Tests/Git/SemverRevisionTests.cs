using LibGit2Sharp;
using PlatformValidation.Validators.Git;

namespace PlatformValidation.Validators.Tests.Git;

/// <summary>
/// A semver-constraint targetRevision resolves to the highest satisfying tag, as Argo CD's repo-server does
/// (util/versions MaxVersion before the ref lookup); versions and plain names are left to the ref lookup.
/// </summary>
public class SemverRevisionTests
{
    private static readonly string[] Tags = ["v1.0.0", "v1.2.3", "v1.10.0-rc.1", "v2.0.0", "latest", "release-1"];

    [TestCase(">=1.0.0 <2.0.0", "v1.2.3")]
    [TestCase("1.x", "v1.2.3")]
    [TestCase("~1.2", "v1.2.3")]
    [TestCase("^1.0.0", "v1.2.3")]
    [TestCase("*", "v2.0.0")]
    public void AConstraintResolvesToTheHighestSatisfyingTag(string revision, string expected) =>
        Assert.That(SemverRevision.MaxVersion(revision, Tags), Is.EqualTo(expected));

    [TestCase("v1.0.0")]
    [TestCase("1.2")]
    [TestCase("main")]
    [TestCase("HEAD")]
    [TestCase("release-1")]
    [TestCase("0123456789abcdef0123456789abcdef01234567")]
    [TestCase(">=3.0.0")]
    public void VersionsNamesAndUnsatisfiedConstraintsAreLeftToTheRefLookup(string revision) =>
        Assert.That(SemverRevision.MaxVersion(revision, Tags), Is.Null);

    [Test]
    public void ARepositoryReadAtAConstraintReadsTheHighestMatchingTag()
    {
        var root = Path.Combine(Path.GetTempPath(), "pv-semver-" + Guid.NewGuid().ToString("N")[..8]);
        Repository.Init(root);
        try
        {
            using var repo = new Repository(root);
            var who = new Signature("t", "t@example.org", DateTimeOffset.UnixEpoch);
            Commit Commit(string content)
            {
                File.WriteAllText(Path.Combine(root, "app.yaml"), content);
                Commands.Stage(repo, "app.yaml");
                return repo.Commit(content, who, who);
            }

            repo.ApplyTag("v1.0.0", Commit("one").Sha);
            repo.ApplyTag("v1.4.0", Commit("one-four").Sha);
            repo.Tags.Add("v2.0.0", Commit("two"), who, "annotated");
            Commit("main");

            Assert.That(GitRevisions.Peel(repo, "~1")!.MessageShort, Is.EqualTo("one-four"));
            Assert.That(GitRevisions.Peel(repo, ">=2.0.0")!.MessageShort, Is.EqualTo("two"), "an annotated tag peels to its commit");
            Assert.That(GitRevisions.Peel(repo, "v1.0.0")!.MessageShort, Is.EqualTo("one"));
            Assert.That(GitRevisions.Peel(repo, "HEAD")!.MessageShort, Is.EqualTo("main"));
            Assert.That(GitRevisions.Peel(repo, ">=3.0.0"), Is.Null);
        }
        finally
        {
            foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
            {
                File.SetAttributes(file, FileAttributes.Normal);
            }

            Directory.Delete(root, recursive: true);
        }
    }
}
