using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Tests.Templating;

/// <summary>fasttemplate as Argo CD's Replace uses it [ARGOCD-SEMANTICS §7.2].</summary>
public class FastTemplateTests
{
    private static readonly Dictionary<string, string> Params = new() { ["path.basename"] = "raw-vllm", ["name"] = "x" };

    [TestCase("{{path.basename}}", "raw-vllm")]
    [TestCase("app-{{ path.basename }}-{{name}}", "app-raw-vllm-x")]
    [TestCase("{{unknown}}/{{name}}", "{{unknown}}/x")]
    [TestCase("{{ }}", "{{ }}")]
    [TestCase("no templates", "no templates")]
    [TestCase("{{name", "{{name")]
    public void KnownParametersAreReplacedAndUnknownTagsStayVerbatim(string template, string expected) =>
        Assert.That(FastTemplate.Render(template, Params), Is.EqualTo(expected));

    [Test]
    public void AnUnterminatedTagAfterAValidOneIsAnError() =>
        Assert.Throws<FormatException>(() => FastTemplate.Render("{{name}} {{oops", Params));
}
