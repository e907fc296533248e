using System.Reflection;
using System.Text.RegularExpressions;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Suites;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Live;

/// <summary>
/// The live-check catalogue lists every check name exactly once with a well-formed ID, the suites are registered
/// once per kind, no suite or runner code records a check under a literal name, and <c>docs/live-checks.md</c> is
/// the catalogue's rendering (PV_UPDATE_DOCS=1 rewrites it).
/// </summary>
public partial class LiveCheckCatalogTests
{
    private static string DocPath => Path.Combine(RepoPaths.Root, "docs", "live-checks.md");

    [Test]
    public void EveryCheckNameHasExactlyOneDescriptor()
    {
        var names = typeof(LiveChecks).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

        Assert.That(names, Is.Unique);
        Assert.That(LiveCheckCatalog.All.Select(d => d.Name), Is.EquivalentTo(names));
        Assert.That(names.Select(LiveCheckCatalog.Find), Has.None.Null);
        Assert.That(LiveCheckCatalog.Find("no-such-check"), Is.Null);
    }

    [Test]
    public void IdsAreUniqueAndWellFormed()
    {
        Assert.That(LiveCheckCatalog.All.Select(d => d.Id), Is.Unique);
        Assert.That(LiveCheckCatalog.All.Select(d => d.Id), Has.All.Match("^LIVE-[A-Z]+-[0-9]{3}$"));
        Assert.That(LiveCheckCatalog.All, Has.All.Matches<LiveCheckDescriptor>(d => d.Proves.Length > 0 && d.FixHint.Length > 0));
    }

    [Test]
    public void EverySuiteColumnNamesAKnownSuite()
    {
        var known = SuiteKinds.All.Append(LiveCheckCatalog.AnySuite).Append(LiveCheckCatalog.ReleaseSuite).ToHashSet(StringComparer.Ordinal);
        foreach (var d in LiveCheckCatalog.All)
        {
            Assert.That(d.Suite.Split(", "), Is.SubsetOf(known), d.Id);
        }
    }

    [Test]
    public void EveryKindIsRegisteredOnceInRunOrder()
    {
        Assert.That(LiveSuites.Default.Select(s => s.Kind), Is.EqualTo(SuiteKinds.All));
        Assert.That(LiveSuites.Find(SuiteKinds.CostGates), Is.SameAs(LiveSuites.Default[3]));
        Assert.That(LiveSuites.Find("no-such-kind"), Is.Null);
    }

    [Test]
    public void NoLiveCodeRecordsACheckUnderALiteralName()
    {
        var live = Path.Combine(RepoPaths.Root, "src", "Validators", "Live");
        var offenders = Directory.EnumerateFiles(live, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadLines(f).Select((line, i) => (File: Path.GetRelativePath(RepoPaths.Root, f), Line: i + 1, Text: line)))
            .Where(l => LiteralCheck().IsMatch(l.Text))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();

        Assert.That(offenders, Is.Empty, "use a LiveChecks constant (and a LiveCheckCatalog entry) instead of a literal");
    }

    [Test]
    public void TheDocIsTheCatalogue()
    {
        var rendered = LiveCheckCatalogDoc.Render();
        if (Environment.GetEnvironmentVariable("PV_UPDATE_DOCS") == "1")
        {
            File.WriteAllText(DocPath, rendered);
        }

        Assert.That(File.Exists(DocPath), Is.True, "docs/live-checks.md is missing: run this test with PV_UPDATE_DOCS=1");
        Assert.That(File.ReadAllText(DocPath).ReplaceLineEndings("\n"), Is.EqualTo(rendered), "docs/live-checks.md differs from LiveCheckCatalog: run this test with PV_UPDATE_DOCS=1");
    }

    [Test]
    public void TheDocListsEveryCheck()
    {
        var rendered = LiveCheckCatalogDoc.Render();
        foreach (var d in LiveCheckCatalog.All)
        {
            Assert.That(rendered, Does.Contain($"| <a id=\"{LiveCheckCatalogDoc.Anchor(d.Id)}\"></a>{d.Id} | `{d.Name}` |"), "each entry is an anchor the HTML report links to");
        }
    }

    [GeneratedRegex("""(\.(Pass|Fail|Skip)|new LiveStep)\("[a-z-]+"|const string \w*Check = "[a-z-]+""")]
    private static partial Regex LiteralCheck();
}
