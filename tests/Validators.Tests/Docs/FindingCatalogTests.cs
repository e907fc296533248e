using System.Reflection;
using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Docs;

/// <summary>
/// Every finding ID has a catalogue entry (SARIF rules, JSON titles) and is described in docs/: a row of a table
/// (docs/scenario-format.md lists the catalogue) or a bold heading (docs/pr-gate.md's PRUNE001).
/// </summary>
public class FindingCatalogTests
{
    private static IEnumerable<string> Ids() => typeof(FindingIds).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral && f.FieldType == typeof(string))
        .Select(f => (string)f.GetRawConstantValue()!);

    [Test]
    public void EveryIdIsCataloguedAndDocumented()
    {
        var docs = string.Concat(Directory.EnumerateFiles(Path.Combine(RepoPaths.Root, "docs"), "*.md").Select(File.ReadAllText));

        Assert.That(Ids().Where(id => FindingCatalog.Find(id) is null), Is.Empty, "FindingCatalog entries");
        Assert.That(Ids().Where(id => !docs.Contains("| " + id + " |", StringComparison.Ordinal) && !docs.Contains("**" + id + "**", StringComparison.Ordinal)), Is.Empty, "described in docs/");
    }
}
