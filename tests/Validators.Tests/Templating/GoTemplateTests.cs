using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Tests.Templating;

/// <summary>Go text/template + Sprig behaviour as ApplicationSet goTemplate uses it [ARGOCD-SEMANTICS §7.2].</summary>
public class GoTemplateTests
{
    private static readonly JsonNode Data = JsonNode.Parse("""
        {"path": {"path": "apps/raw-vllm", "basename": "raw-vllm", "segments": ["apps", "raw-vllm"]},
         "name": "Raw VLLM", "replicas": 3, "big": 1000000, "enabled": true, "empty": "", "nothing": null,
         "labels": {"tier": "gpu", "team": "a"}, "list": ["b", "a"]}
        """)!;

    private static string Run(string template, bool missingKeyIsError = false) => GoTemplate.Parse(template).Execute(Data, missingKeyIsError);

    [TestCase("{{.path.basename}}", "raw-vllm")]
    [TestCase("{{ .path.path }}", "apps/raw-vllm")]
    [TestCase("{{index .path.segments 1}}", "raw-vllm")]
    [TestCase("{{.replicas}}", "3")]
    [TestCase("{{.big}}", "1e+06")]
    [TestCase("{{.enabled}}", "true")]
    [TestCase("{{.labels}}", "map[team:a tier:gpu]")]
    [TestCase("{{.list}}", "[b a]")]
    [TestCase("{{$}}", "map[big:1e+06 empty: enabled:true labels:map[team:a tier:gpu] list:[b a] name:Raw VLLM nothing:<nil> path:map[basename:raw-vllm path:apps/raw-vllm segments:[apps raw-vllm]] replicas:3]")]
    public void FieldsIndexAndPrintingFollowGo(string template, string expected) => Assert.That(Run(template), Is.EqualTo(expected));

    [TestCase("{{.missing}}", "<no value>")]
    [TestCase("{{.missing.deeper}}", "<no value>")]
    [TestCase("{{.nothing}}", "<no value>")]
    public void MissingKeysRenderNoValueByDefault(string template, string expected) => Assert.That(Run(template), Is.EqualTo(expected));

    [Test]
    public void MissingKeyErrorOptionFailsRendering()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Run("{{.missing}}", missingKeyIsError: true));
        Assert.That(ex!.Message, Does.Contain("map has no entry for key \"missing\""));
    }

    [TestCase("{{if .enabled}}on{{else}}off{{end}}", "on")]
    [TestCase("{{if .empty}}x{{else if .replicas}}r{{end}}", "r")]
    [TestCase("{{with .labels}}{{.tier}}{{end}}", "gpu")]
    [TestCase("{{with .empty}}x{{else}}none{{end}}", "none")]
    [TestCase("{{range .list}}[{{.}}]{{end}}", "[b][a]")]
    [TestCase("{{range $k, $v := .labels}}{{$k}}={{$v}};{{end}}", "team=a;tier=gpu;")]
    [TestCase("{{range $i, $e := .list}}{{if eq $i 1}}{{break}}{{end}}{{$e}}{{end}}", "b")]
    [TestCase("{{range .nothing}}x{{else}}empty{{end}}", "empty")]
    [TestCase("{{$n := .name}}{{$n | lower}}", "raw vllm")]
    [TestCase("{{- \" a \" -}}  ", " a ")]
    [TestCase("x  {{- /* comment */ -}}  y", "xy")]
    public void ControlFlowVariablesAndTrimMarkers(string template, string expected) => Assert.That(Run(template), Is.EqualTo(expected));

    [TestCase("{{and .enabled .name}}", "Raw VLLM")]
    [TestCase("{{or .empty \"fallback\"}}", "fallback")]
    [TestCase("{{not .enabled}}", "false")]
    [TestCase("{{eq .path.basename \"raw-vllm\" \"x\"}}", "true")]
    [TestCase("{{ne .labels.tier \"gpu\"}}", "false")]
    [TestCase("{{len .list}}", "2")]
    [TestCase("{{printf \"%s-%d-%v-%q\" .labels.tier 7 .replicas \"x\"}}", "gpu-7-3-\"x\"")]
    [TestCase("{{print \"a\" 1 2 \"b\"}}", "a1 2b")]
    public void GoBuiltins(string template, string expected) => Assert.That(Run(template), Is.EqualTo(expected));

    [Test]
    public void ComparingAFloatParamWithAnIntLiteralIsAnErrorAsInGo() =>
        Assert.Throws<GoTemplateException>(() => Run("{{eq .replicas 3}}"));

    [TestCase("{{default \"x\" .missing}}", "x")]
    [TestCase("{{default \"x\" .empty}}", "x")]
    [TestCase("{{.missing | default \"y\"}}", "y")]
    [TestCase("{{.name | lower | replace \" \" \"-\"}}", "raw-vllm")]
    [TestCase("{{upper .labels.tier}}", "GPU")]
    [TestCase("{{trunc 3 .path.basename}}", "raw")]
    [TestCase("{{trunc -4 .path.basename}}", "vllm")]
    [TestCase("{{trimPrefix \"apps/\" .path.path}}", "raw-vllm")]
    [TestCase("{{trimSuffix \"-vllm\" .path.basename}}", "raw")]
    [TestCase("{{trim \"  x \"}}", "x")]
    [TestCase("{{quote .labels.tier}}", "\"gpu\"")]
    [TestCase("{{squote .labels.tier}}", "'gpu'")]
    [TestCase("{{join \",\" .list}}", "b,a")]
    [TestCase("{{.list | sortAlpha | join \",\"}}", "a,b")]
    [TestCase("{{splitList \"/\" .path.path | last}}", "raw-vllm")]
    [TestCase("{{toJson .labels}}", "{\"team\":\"a\",\"tier\":\"gpu\"}")]
    [TestCase("{{toYaml .labels}}", "team: a\ntier: gpu")]
    [TestCase("{{toYaml .list}}", "- b\n- a")]
    [TestCase("{{normalize .name}}", "raw-vllm")]
    [TestCase("{{slugify \"Hello World: Über\"}}", "hello-world-ber")]
    [TestCase("{{ternary \"y\" \"n\" .enabled}}", "y")]
    [TestCase("{{hasKey .labels \"tier\"}}", "true")]
    [TestCase("{{(dict \"a\" \"1\").a}}", "1")]
    [TestCase("{{list 1 2 | len}}", "2")]
    [TestCase("{{add 1 2}}", "3")]
    [TestCase("{{contains \"vllm\" .path.basename}}", "true")]
    [TestCase("{{b64enc \"hi\"}}", "aGk=")]
    [TestCase("{{regexReplaceAll \"[0-9]+\" \"a12b3\" \"#\"}}", "a#b#")]
    [TestCase("{{(fromYaml \"a: 1\").a}}", "1")]
    [TestCase("{{indent 2 \"a\\nb\"}}", "  a\n  b")]
    public void SprigAndArgoFunctions(string template, string expected) => Assert.That(Run(template), Is.EqualTo(expected));

    [TestCase("{{.a")]
    [TestCase("{{if .x}}no end")]
    [TestCase("{{nosuchfunc .x}}")]
    [TestCase("{{$undefined}}")]
    [TestCase("{{end}}")]
    public void SyntaxErrorsAndUnknownFunctionsFailAtParse(string template) =>
        Assert.Throws<GoTemplateException>(() => GoTemplate.Parse(template));

    [Test]
    public void RunawayRangeIsStopped() =>
        Assert.Throws<GoTemplateException>(() => Run("{{range until 200000}}{{range until 200000}}x{{end}}{{end}}"));
}
