using System.Text.Json.Nodes;
using PlatformValidation.Validators.Labels;
using GeneratorRequirement = PlatformValidation.Validators.Argo.LabelSelectorRequirement;
using GeneratorSelector = PlatformValidation.Validators.Argo.LabelSelector;

namespace PlatformValidation.Validators.Tests.Labels;

/// <summary>
/// The one label selector (apimachinery labels.Parse, LabelSelectorAsSelector): the query form, the object form and
/// an ApplicationSet generator's selector agree on the same labels.
/// </summary>
public sealed class LabelSelectorTests
{
    private static readonly Dictionary<string, string> Web = new() { ["app"] = "web", ["tier"] = "a" };
    private static readonly Dictionary<string, string> Db = new() { ["app"] = "db", ["legacy"] = "yes" };

    [TestCase("app=web", true, false)]
    [TestCase("app!=web", false, true)]
    [TestCase("tier in (a,b)", true, false)]
    [TestCase("tier notin (a)", false, true)]
    [TestCase("!legacy", true, false)]
    [TestCase("legacy", false, true)]
    [TestCase("", true, true)]
    public void QueryFormMatches(string selector, bool web, bool db)
    {
        var parsed = LabelSelector.Parse(selector);

        Assert.That((parsed.Matches(Web), parsed.Matches(Db)), Is.EqualTo((web, db)));
    }

    [Test]
    public void QueryObjectAndGeneratorFormsAgree()
    {
        var query = LabelSelector.Parse("app=web,tier in (a,b),!legacy");
        var obj = LabelSelector.FromObject(JsonNode.Parse("""{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["a","b"]},{"key":"legacy","operator":"DoesNotExist"}]}""")!.AsObject());
        var generator = new GeneratorSelector(
            new Dictionary<string, string> { ["app"] = "web" },
            [new GeneratorRequirement("tier", "In", ["a", "b"]), new GeneratorRequirement("legacy", "DoesNotExist", [])]);

        foreach (var labels in new[] { Web, Db, new Dictionary<string, string> { ["app"] = "web", ["tier"] = "c" } })
        {
            Assert.That(obj.Matches(labels), Is.EqualTo(query.Matches(labels)));
            Assert.That(generator.Matches(labels), Is.EqualTo(query.Matches(labels)));
        }

        Assert.That(query.Matches(Web), Is.True);
    }

    [Test]
    public void AnUnknownGeneratorOperatorMatchesNothing()
    {
        var generator = new GeneratorSelector(new Dictionary<string, string>(), [new GeneratorRequirement("app", "Gt", ["1"])]);

        Assert.That(generator.Matches(Web), Is.False);
    }

    [TestCase("app=", true)]
    [TestCase("-bad=x", false)]
    [TestCase("a=b=c", false)]
    [TestCase("tier in a", false)]
    public void BadQueriesAreParseErrors(string selector, bool parses)
    {
        if (parses)
        {
            Assert.DoesNotThrow(() => LabelSelector.Parse(selector));
            return;
        }

        var error = Assert.Throws<LabelSelectorException>(() => LabelSelector.Parse(selector));
        Assert.That(error!.Message, Does.StartWith("unable to parse requirement: "));
    }
}
