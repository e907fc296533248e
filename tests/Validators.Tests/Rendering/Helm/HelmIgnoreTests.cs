using PlatformValidation.Validators.Rendering.Helm;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>.helmignore rules, checked against the cases of helm's pkg/ignore/rules_test.go, and as the chart loader applies them.</summary>
public class HelmIgnoreTests
{
    // (pattern, path, is the path a directory in helm's fixture, ignored?) — helm pkg/ignore rules_test.go TestIgnore.
    [TestCase("helm.txt", "helm.txt", false, true)]
    [TestCase("helm.*", "helm.txt", false, true)]
    [TestCase("helm.*", "rudder.txt", false, false)]
    [TestCase("*.txt", "tiller.txt", false, true)]
    [TestCase("*.txt", "cargo/a.txt", false, true)]
    [TestCase("cargo/*.txt", "cargo/a.txt", false, true)]
    [TestCase("cargo/*.*", "cargo/a.txt", false, true)]
    [TestCase("cargo/*.txt", "mast/a.txt", false, false)]
    [TestCase("ru[c-e]?er.txt", "rudder.txt", false, true)]
    [TestCase("templates/.?*", "templates/.dotfile", false, true)]
    [TestCase(".*", ".", true, false)]
    [TestCase(".*", "./", true, false)]
    [TestCase(".*", ".joonix", false, true)]
    [TestCase(".*", "helm.txt", false, false)]
    [TestCase(".*", "", true, false)]
    [TestCase("cargo/", "cargo", true, true)]
    [TestCase("cargo/", "cargo/", true, true)]
    [TestCase("cargo/", "mast/", true, false)]
    [TestCase("helm.txt/", "helm.txt", false, false)]
    [TestCase("!helm.txt", "helm.txt", false, false)]
    [TestCase("!helm.txt", "tiller.txt", false, true)]
    [TestCase("!*.txt", "cargo", true, true)]
    [TestCase("!cargo/", "mast/", true, true)]
    [TestCase("/a.txt", "a.txt", false, true)]
    [TestCase("/a.txt", "cargo/a.txt", false, false)]
    [TestCase("/cargo/a.txt", "cargo/a.txt", false, true)]
    public void MatchesHelmsRuleTable(string pattern, string path, bool isDirectory, bool ignored) =>
        Assert.That(HelmIgnore.Parse(pattern, ".helmignore").Ignore(path, isDirectory), Is.EqualTo(ignored));

    [TestCase("foo/**/bar")]
    [TestCase("[z-")]
    public void ABadRuleFailsNamingIt(string rule)
    {
        var ex = Assert.Throws<HelmChartException>(() => HelmIgnore.Parse("# comment\n\n" + rule + "\n", "web/.helmignore"));

        Assert.That(ex!.Message, Does.StartWith("web/.helmignore:3:").And.Contain(rule));
    }

    [Test]
    public void CommentsBlankLinesAndABomAreSkipped()
    {
        var rules = HelmIgnore.Parse("\uFEFF#ignore\n\n\t#ignore\nfoo\r\nbar/*\n", ".helmignore");

        Assert.That(rules.Ignore("foo", false), Is.True);
        Assert.That(rules.Ignore("bar/x", false), Is.True);
        Assert.That(rules.Ignore("#ignore", false), Is.False);
    }

    [Test]
    public void AnIgnoredDirectoryDropsEverythingUnderItAndANegationKeepsOnlyWhatItMatches()
    {
        var rules = HelmIgnore.Parse("docs/\n", ".helmignore");
        Assert.That(rules.Keep(["Chart.yaml", "docs/a/b.md", "templates/x.yaml", "templates/.hidden"]), Is.EqualTo(new[] { "Chart.yaml", "templates/x.yaml" }), "templates/.?* is Helm's default rule");

        // Helm's negation: a path the negated rule does not match is ignored, a matching one goes on to the next rule.
        var negated = HelmIgnore.Parse("!*.yaml\n", ".helmignore");
        Assert.That(negated.Keep(["Chart.yaml", "values.yaml", "README.md"]), Is.EqualTo(new[] { "Chart.yaml", "values.yaml" }));
    }

    [Test]
    public void TheLoaderAppliesTheTopChartsFileToSubchartsAndNotTheSubchartsOwn()
    {
        using var repo = new TempRepo()
            .With("web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
            .With("web/.helmignore", "*.bak\nscratch/\n")
            .With("web/templates/cm.yaml", "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\n")
            .With("web/templates/old.yaml.bak", "{{ fail \"an ignored file is never rendered\" }}")
            .With("web/scratch/huge.txt", new string('x', 100))
            .With("web/templates/.editor.yaml", "{{ fail \"dotfiles in templates/ are ignored\" }}")
            .With("web/charts/db/Chart.yaml", "apiVersion: v2\nname: db\nversion: 1.0.0\n")
            .With("web/charts/db/.helmignore", "templates/\n")
            .With("web/charts/db/templates/svc.yaml", "apiVersion: v1\nkind: Service\nmetadata:\n  name: db\n")
            .With("web/charts/db/templates/x.bak", "{{ fail \"the top chart's rules reach subcharts\" }}");

        var chart = HelmChartLoader.LoadDirectory(repo.Tree(), "web");
        var output = HelmChartRenderer.Render(chart, new HelmRenderRequest());

        Assert.That(chart.Files.Keys, Has.None.StartWith("scratch/"));
        Assert.That(output.Manifests.Select(m => m.Source), Is.EquivalentTo(new[] { "web/templates/cm.yaml", "web/charts/db/templates/svc.yaml" }), "the subchart's own .helmignore is not read, as helm's directory loader does");
    }
}
