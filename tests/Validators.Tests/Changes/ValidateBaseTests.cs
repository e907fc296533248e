using System.Text.RegularExpressions;
using PlatformValidation.Validators.Changes;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Reporting;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Changes;

/// <summary>
/// <c>validate --base</c> on the sample: what a pull request changes per profile, what merging it deletes, and the
/// Markdown comment (compared with snapshots under <c>Snapshots/</c>; set PV_UPDATE_SNAPSHOTS=1 to rewrite them).
/// </summary>
[Parallelizable(ParallelScope.All)]
public partial class ValidateBaseTests
{
    [Test]
    [CancelAfter(120_000)]
    public async Task ACommitOutsideThePlatformRepoIsNoChange(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        File.WriteAllText(Path.Combine(repo.Root, "README.md"), "edited\n");
        repo.Commit("docs only");

        var report = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD~1", "HEAD", cancellationToken: cancellationToken);

        Assert.That(report.NoChanges, Is.True);
        Assert.That(report.Failed, Is.False);
        AssertSnapshot("no-changes", MarkdownChangeReport.Build(report));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task MovingAnAppToAHigherLayerRemovesItFromTheNarrowerProfiles(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        repo.Move("clusters/ai-dev/apps/platform/keda.yaml", "clusters/ai-dev/apps/llm-gateway/keda.yaml");

        var report = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);

        var byName = report.Profiles.ToDictionary(p => p.Name);
        Assert.Multiple(() =>
        {
            Assert.That(byName["platform"].Apps.Single(a => a.Name == "keda").Change, Is.EqualTo(ChangeKind.Removed));
            Assert.That(byName["serving"].Apps.Single(a => a.Name == "keda").Change, Is.EqualTo(ChangeKind.Removed));
            Assert.That(byName["llm-gateway"].Apps.Any(a => a.Name == "keda"), Is.False, "same resources, only the layer moved");
            Assert.That(byName["full"].Apps.Any(a => a.Name == "keda"), Is.False);

            // The platform root prunes the keda Application, whose finalizer cascades; its CRDs stay (never cascaded).
            var deletions = byName["platform"].Deletions.Where(d => d.App == "keda").ToList();
            Assert.That(deletions.Where(d => d.Kind == "Deployment").All(d => d.Automatic && d.KeptBecause is null), Is.True);
            Assert.That(deletions.Where(d => d.Kind == "CustomResourceDefinition").All(d => d.KeptBecause == "CRDs are never cascade-deleted"), Is.True);
            Assert.That(report.PruneFindings.Where(f => f.Message.Contains("CustomResourceDefinition", StringComparison.Ordinal)), Is.Empty);
        });
        AssertSnapshot("app-to-higher-layer", MarkdownChangeReport.Build(report));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task DeletingACrdIsABlockedDeletionAndTakesItsCustomResourcesAlong(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        var crds = repo.Read("platform/keda/crds.yaml").Split("\n---\n");
        repo.Write("platform/keda/crds.yaml", string.Join("\n---\n", crds.Skip(1)));

        var report = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(report.Failed, Is.True);
            Assert.That(report.PruneFindings.Select(f => f.Id).Distinct(), Is.EqualTo(new[] { "PRUNE001" }));
            Assert.That(report.PruneFindings.First().Message, Does.Contain("CustomResourceDefinition scaledobjects.keda.sh"));
            Assert.That(report.PruneFindings.First().Location?.File, Is.EqualTo("platform/keda/crds.yaml"));
            var full = report.Profiles.Single(p => p.Name == "full");
            Assert.That(full.Deletions.Any(d => d.Kind == "ScaledObject" && d.Automatic && d.Reason.StartsWith("its CRD is deleted", StringComparison.Ordinal)), Is.True);
        });
        AssertSnapshot("crd-deleted", MarkdownChangeReport.Build(report));

        // The same comparison as an HTML page: the deletions and the CRD's diff are there, collapsible.
        using var html = new StringWriter();
        HtmlPage.Write("validate --base", MarkdownChangeReport.Build(report, MarkdownChangeReport.PageLimit), html);
        Assert.That(html.ToString(), Does.Contain("<details><summary>What the merge deletes on the cluster").And.Contain("scaledobjects.keda.sh").And.Contain("<table>"));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task RemovingAPvcFromAnAutoPruningAppIsBlockedUnlessAllowedOrProtected(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        const string pvc = "\n---\napiVersion: v1\nkind: PersistentVolumeClaim\nmetadata:\n  name: prometheus-data\n{0}spec:\n  accessModes: [ReadWriteOnce]\n  resources:\n    requests:\n      storage: 10Gi\n";
        var prometheus = repo.Read("platform/observability/prometheus.yaml");
        repo.Write("platform/observability/prometheus.yaml", prometheus + string.Format(System.Globalization.CultureInfo.InvariantCulture, pvc, string.Empty));
        repo.Commit("add a PVC");
        repo.Write("platform/observability/prometheus.yaml", prometheus);

        var blocked = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);
        var allowed = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, new ChangeOptions { AllowPrune = ["PersistentVolumeClaim/*/prometheus-data"] }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(blocked.Failed, Is.True);
            Assert.That(blocked.PruneFindings, Has.Count.EqualTo(1), "one finding however many profiles contain the app");
            Assert.That(blocked.PruneFindings[0].Message, Does.Contain("PersistentVolumeClaim observability/prometheus-data").And.Contain("its data is lost"));
            Assert.That(blocked.PruneFindings[0].FixHint, Does.Contain("--allow-prune 'PersistentVolumeClaim/observability/prometheus-data'"));
            Assert.That(allowed.PruneFindings, Is.Empty);
            Assert.That(allowed.Failed, Is.False);
        });
        AssertSnapshot("pvc-removed", MarkdownChangeReport.Build(blocked));

        // A PVC annotated Prune=false in the base is left in place by Argo CD: no blocked deletion.
        repo.Write("platform/observability/prometheus.yaml", prometheus + string.Format(System.Globalization.CultureInfo.InvariantCulture, pvc, "  annotations:\n    argocd.argoproj.io/sync-options: Prune=false\n"));
        repo.Commit("protect the PVC");
        repo.Write("platform/observability/prometheus.yaml", prometheus);
        var protectedPvc = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);
        Assert.That(protectedPvc.PruneFindings, Is.Empty);
        Assert.That(protectedPvc.Profiles.SelectMany(p => p.Deletions).Where(d => d.Kind == "PersistentVolumeClaim").Select(d => d.KeptBecause).Distinct(), Is.EqualTo(new[] { "Prune=false" }));
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AChangeInAKustomizeBaseOutsideTheAppsPathIsRenderedAgainWhileUntouchedAppsAreReused(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        var deployment = repo.Read("llm-gateway/litellm/base/deployment.yaml");
        repo.Write("llm-gateway/litellm/base/deployment.yaml", deployment.Replace("containerPort: 4000", "containerPort: 4001", StringComparison.Ordinal));
        Assume.That(repo.Read("llm-gateway/litellm/base/deployment.yaml"), Is.Not.EqualTo(deployment), "the sample's litellm Deployment has containerPort 4000");

        var report = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);

        var litellm = report.Profiles.Single(p => p.Name == "full").Apps.Single(a => a.Name == "litellm");
        Assert.Multiple(() =>
        {
            Assert.That(litellm.Resources.Single(r => r.Kind == "Deployment").Diff, Does.Contain("-        - containerPort: 4000").And.Contain("+        - containerPort: 4001"));
            Assert.That(report.Profiles.SelectMany(p => p.Apps).Select(a => a.Name).Distinct(), Is.EqualTo(new[] { "litellm" }), "only the app that reads the base changed");
            Assert.That(report.RendersReused, Is.GreaterThan(10), "untouched apps take the base's render");
        });
    }

    [Test]
    [CancelAfter(120_000)]
    public async Task AnExistingErrorFailsOnlyWithFailOnAll(CancellationToken cancellationToken)
    {
        using var repo = new PullRequestRepo();
        var crds = repo.Read("platform/keda/crds.yaml").Split("\n---\n");
        repo.Write("platform/keda/crds.yaml", string.Join("\n---\n", crds.Skip(1)));
        repo.Commit("a broken base");
        File.WriteAllText(Path.Combine(repo.Platform, "clusters", "NOTES.txt"), "not a manifest\n");

        var newOnly = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, cancellationToken: cancellationToken);
        var all = await new ChangeValidator().CompareAsync(repo.Scenario, repo.Platform, "HEAD", null, new ChangeOptions { FailOnAll = true }, cancellationToken);

        Assert.Multiple(() =>
        {
            Assert.That(newOnly.UnchangedFindings.Any(f => f.Id == "DEP001" && f.Severity == Severity.Error), Is.True);
            Assert.That(newOnly.Failed, Is.False, "the DEP001 was already on the base");
            Assert.That(all.Failed, Is.True);
        });
    }

    [Test]
    public void TheCommentStaysWithinTheLimitByLeavingOutDiffs()
    {
        var big = string.Concat(Enumerable.Repeat("+ a line of a large rendered diff\n", 2_000));
        var apps = Enumerable.Range(0, 40).Select(i => new AppChange($"app-{i}", ChangeKind.Changed, null, [new ResourceChange($"ConfigMap ns/cm-{i}", "ConfigMap", ChangeKind.Changed, null, big)])).ToList();
        var report = new ChangeReport("big", "aaaaaaa", "working tree", [new ProfileChange("all", ChangeKind.Changed, apps, [])], [], [], [], [], TimeSpan.FromSeconds(1));

        var markdown = MarkdownChangeReport.Build(report);

        Assert.That(markdown.Length, Is.LessThanOrEqualTo(MarkdownChangeReport.DefaultLimit));
        Assert.That(markdown, Does.Contain("left out to stay under the comment size limit"));
        Assert.That(markdown, Does.Contain("app-39"), "every changed app is still listed");
    }

    [Test]
    public void OutsideAGitCheckoutTheMessageSaysWhatToDo()
    {
        using var dir = new TempRepo();
        var e = Assert.Throws<ChangeException>(() => RevisionPair.Open(dir.Root, "HEAD", null));
        Assert.That(e!.Message, Does.Contain("is not inside one").And.Contain("without --base"));
    }

    [Test]
    public void AnUnknownRevisionSaysWhatToRun()
    {
        using var repo = new PullRequestRepo();
        var e = Assert.Throws<ChangeException>(() => RevisionPair.Open(repo.Platform, "no-such-branch", null));
        Assert.That(e!.Message, Does.Contain("--base no-such-branch names no commit").And.Contain("git fetch origin"));
    }

    [Test]
    public void ADirtyTreeWithHeadIsRefused()
    {
        using var repo = new PullRequestRepo();
        repo.Commit("second");
        repo.Write("platform/keda/crds.yaml", "edited: true\n");
        var e = Assert.Throws<ChangeException>(() => RevisionPair.Open(repo.Platform, "HEAD~1", "HEAD"));
        Assert.That(e!.Message, Does.Contain("uncommitted changes").And.Contain("git stash"));
    }

    [Test]
    public void AgainstTheWorkingTreeUnchangedFilesAreLinkedAndChangedFilesWrittenFromTheBase()
    {
        using var repo = new PullRequestRepo();
        var original = File.ReadAllText(Path.Combine(repo.Platform, "platform/keda/crds.yaml"));
        repo.Write("platform/keda/crds.yaml", "edited: true\n");
        repo.Write("platform/keda/new.yaml", "added: true\n");

        using var pair = RevisionPair.Open(repo.Platform, "HEAD", null);

        Assert.That(pair.ChangedPaths, Is.SupersetOf(new[] { "platform/keda/crds.yaml", "platform/keda/new.yaml" }));
        Assert.That(File.ReadAllText(Path.Combine(pair.BaseDirectory, "platform/keda/crds.yaml")), Is.EqualTo(original), "a changed file is the base's blob, never the working tree's");
        Assert.That(File.Exists(Path.Combine(pair.BaseDirectory, "platform/keda/new.yaml")), Is.False);
        var unchanged = Directory.EnumerateFiles(pair.BaseDirectory, "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(pair.BaseDirectory, f).Replace('\\', '/'))
            .First(f => !pair.ChangedPaths.Contains(f));
        Assert.That(File.ReadAllText(Path.Combine(pair.BaseDirectory, unchanged)), Is.EqualTo(File.ReadAllText(Path.Combine(repo.Platform, unchanged))));
        if (OperatingSystem.IsLinux() && SameDevice(pair.BaseDirectory, repo.Platform))
        {
            Assert.That(LinkCount(Path.Combine(pair.BaseDirectory, unchanged)), Is.EqualTo(2), "an unchanged file is hard-linked, not written");
            Assert.That(LinkCount(Path.Combine(pair.BaseDirectory, "platform/keda/crds.yaml")), Is.EqualTo(1));
        }
    }

    private static int LinkCount(string path) => int.Parse(Stat("%h", path), System.Globalization.CultureInfo.InvariantCulture);

    private static bool SameDevice(string a, string b) => Stat("%d", a) == Stat("%d", b);

    private static string Stat(string format, string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", format, path]) { RedirectStandardOutput = true })!;
        var output = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit(10_000);
        return output;
    }

    [Test]
    public void WithoutBaseAndWithoutOriginHeadTheMergeBaseIsUnknown()
    {
        using var repo = new PullRequestRepo();
        var e = Assert.Throws<ChangeException>(() => RevisionPair.Open(repo.Platform, null, null));
        Assert.That(e!.Message, Does.Contain("origin/HEAD is not set").And.Contain("--base REV"));
    }

    [Test]
    public void AShallowCloneWithoutTheBaseSaysToUnshallow()
    {
        using var repo = new PullRequestRepo();
        var first = repo.Commit("second");
        repo.Commit("third");
        var clone = Path.Combine(Path.GetTempPath(), "pv-shallow-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var git = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("git", ["clone", "-q", "--depth", "1", "file://" + repo.Root, clone]) { RedirectStandardError = true })!;
            if (!git.WaitForExit(30_000) || git.ExitCode != 0)
            {
                Assert.Ignore("the git CLI could not make a shallow clone here");
            }

            var e = Assert.Throws<ChangeException>(() => RevisionPair.Open(Path.Combine(clone, "sample-platform"), first, null));
            Assert.That(e!.Message, Does.Contain("shallow clone").And.Contain("git fetch --unshallow"));
        }
        finally
        {
            if (Directory.Exists(clone))
            {
                foreach (var file in Directory.EnumerateFiles(clone, "*", SearchOption.AllDirectories))
                {
                    File.SetAttributes(file, FileAttributes.Normal);
                }

                Directory.Delete(clone, recursive: true);
            }
        }
    }

    /// <summary>Compares with the committed snapshot, after blanking the parts that differ per run (SHAs, seconds).</summary>
    private static void AssertSnapshot(string name, string markdown)
    {
        var normalized = Volatile().Replace(markdown, m => $"Base `BASE` → head `{(m.Groups[2].Value == "working tree" ? "working tree" : "HEAD")}` · scenario `{m.Groups[3].Value}` · N s");
        var path = Path.Combine(RepoPaths.Root, "tests", "Validators.Tests", "Changes", "Snapshots", name + ".md");
        if (Environment.GetEnvironmentVariable("PV_UPDATE_SNAPSHOTS") == "1" || !File.Exists(path))
        {
            File.WriteAllText(path, normalized);
            if (Environment.GetEnvironmentVariable("PV_UPDATE_SNAPSHOTS") != "1")
            {
                Assert.Fail($"snapshot {path} was missing and has been written; review and commit it");
            }
        }

        Assert.That(normalized, Is.EqualTo(File.ReadAllText(path)), $"Markdown differs from {path} (PV_UPDATE_SNAPSHOTS=1 rewrites it)");
    }

    [GeneratedRegex(@"Base `([^`]*)` → head `([^`]*)` · scenario `([^`]*)` · [0-9.]+ s")]
    private static partial Regex Volatile();
}
