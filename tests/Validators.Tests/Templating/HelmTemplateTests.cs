using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Tests.Templating;

/// <summary>The template engine in Helm's mode: named templates, include/tpl/required/fail, methods, missingkey=zero, Sprig additions.</summary>
public class HelmTemplateTests
{
    private static string Render(string text, object? data = null, params (string Name, string Text)[] others)
    {
        var set = HelmFunctions.NewSet();
        foreach (var (name, t) in others)
        {
            set.Parse(name, t);
        }

        set.Parse("c/templates/t.yaml", text);
        return set.Execute("c/templates/t.yaml", data ?? new Dictionary<string, object?>());
    }

    private static Dictionary<string, object?> Values(params (string Key, object? Value)[] pairs) =>
        new(StringComparer.Ordinal) { ["Values"] = pairs.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal) };

    [Test]
    public void DefineInOneFileIsUsableFromAnotherThroughTemplateAndInclude()
    {
        var output = Render(
            "a: {{ template \"c.name\" . }}\nb: {{ include \"c.name\" . | upper | quote }}",
            Values(("name", "web")),
            ("c/templates/_helpers.tpl", "{{- define \"c.name\" -}}{{ .Values.name }}-x{{- end -}}"));

        Assert.That(output, Is.EqualTo("a: web-x\nb: \"WEB-X\""));
    }

    [Test]
    public void BlockDefinesAndRunsItsBody()
    {
        Assert.That(Render("{{ block \"b\" . }}default{{ end }}"), Is.EqualTo("default"));
    }

    [Test]
    public void TplRendersValuesAsTemplatesWithTheGivenContext()
    {
        var data = Values(("host", "{{ .Values.name }}.example.com"), ("name", "api"));
        Assert.That(Render("{{ tpl .Values.host . }}", data), Is.EqualTo("api.example.com"));
    }

    [Test]
    public void RequiredFailsWithHelmsExecutionErrorNamingTemplateAndLine()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render("x: 1\ny: {{ required \"image.tag is required\" .Values.tag }}", Values()));
        Assert.That(ex!.Message, Is.EqualTo("execution error at (c/templates/t.yaml:2): image.tag is required"));
    }

    [Test]
    public void FailStopsWithTheMessage()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render("{{ fail \"unsupported mode\" }}"));
        Assert.That(ex!.Message, Does.Contain("unsupported mode").And.Contain("c/templates/t.yaml:1"));
    }

    [Test]
    public void AFieldOfAMissingValueIsHelmsNilPointerError()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render("{{ .Values.missing.key }}", Values()));
        Assert.That(ex!.Message, Does.Contain("c/templates/t.yaml:1").And.Contain("nil pointer evaluating interface {}.key"));
    }

    [Test]
    public void AMissingValuePrintsAsNoValueWhichHelmBlanks()
    {
        Assert.That(Render("[{{ .Values.absent }}]", Values()), Is.EqualTo("[<no value>]"));
    }

    [Test]
    public void IncludeRecursionStopsAtHelmsNestingLimit()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render(
            "{{ include \"loop\" . }}",
            null,
            ("c/templates/_loop.tpl", "{{ define \"loop\" }}{{ include \"loop\" . }}{{ end }}")));
        Assert.That(ex!.Message, Does.Contain("nested reference name: loop"));
    }

    [Test]
    public void LookupIsAnEmptyMapWithoutACluster()
    {
        Assert.That(Render("{{ if lookup \"v1\" \"Secret\" \"ns\" \"s\" }}found{{ else }}none{{ end }}"), Is.EqualTo("none"));
    }

    [TestCase(">=1.19-0", "v1.20.0", true)]
    [TestCase(">=1.21", "v1.20.0", false)]
    [TestCase("^1.2.0", "1.9.3", true)]
    [TestCase("~1.2.0", "1.3.0", false)]
    [TestCase(">=1.19", "v1.20.0-gke.100", false)]
    [TestCase(">=1.19-0", "v1.20.0-gke.100", true)]
    [TestCase("1.x || >=3.0", "2.5.0", false)]
    [TestCase("<1.25.0 >=1.16.0", "1.20.4", true)]
    public void SemverCompareFollowsMastermindsSemver(string constraint, string version, bool expected)
    {
        Assert.That(Render($"{{{{ semverCompare \"{constraint}\" \"{version}\" }}}}"), Is.EqualTo(expected ? "true" : "false"));
    }

    [Test]
    public void ToYamlKeepsIntegralNumbersAndSortsKeys()
    {
        var data = Values(("res", new Dictionary<string, object?> { ["limits"] = new Dictionary<string, object?> { ["memory"] = "1Gi", ["cpu"] = 1000000.0 } }));
        Assert.That(Render("{{ toYaml .Values.res }}", data), Is.EqualTo("limits:\n  cpu: 1000000\n  memory: 1Gi"));
    }

    [Test]
    public void FromYamlPutsParseErrorsIntoTheErrorKey()
    {
        Assert.That(Render("{{ (fromYaml \"a: [\").Error | empty | not }}"), Is.EqualTo("true"));
    }

    [Test]
    public void ToTomlWritesKeysThenTables()
    {
        var data = Values(("cfg", new Dictionary<string, object?> { ["name"] = "x", ["db"] = new Dictionary<string, object?> { ["port"] = 5432L } }));
        Assert.That(Render("{{ toToml .Values.cfg }}", data), Is.EqualTo("name = \"x\"\n\n[db]\n  port = 5432\n"));
    }

    [Test]
    public void UnknownFunctionsFailAtParseTimeWithTheTemplateName()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render("{{ nosuchfn 1 }}"));
        Assert.That(ex!.Message, Is.EqualTo("template: c/templates/t.yaml:1: function \"nosuchfn\" not defined"));
    }

    [Test]
    public void ApplicationSetTemplatesStillRejectDefine()
    {
        Assert.Throws<GoTemplateException>(() => GoTemplate.Parse("{{ define \"x\" }}{{ end }}"));
    }
}
