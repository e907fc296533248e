using FsCheck.Fluent;
using PlatformValidation.Fuzz.Tests.Generators;
using PlatformValidation.Fuzz.Tests.Harness;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering.Helm;

namespace PlatformValidation.Fuzz.Tests.Targets;

/// <summary>
/// What a chart or its values bring to the Helm renderer besides templates: <c>.helmignore</c> rules (parsed and
/// applied) and argocd-apps values (expanded without the chart). Contract under fuzzing: a result or a
/// <see cref="HelmChartException"/>; never another exception, never a hang.
/// </summary>
[CancelAfter(FuzzTimeouts.TestMs)]
public sealed class HelmInputsFuzzTests
{
    private static readonly string[] RulePieces =
        ["*", "?", "[a-z]", "[^.]", "[", "]", "\\", "!", "/", "**", ".", "..", "#", "templates", "charts", "a", ".txt", " ", "\t", "\r", "\uFEFF", "[z-", "{a,b}"];

    private static readonly string[] Paths =
        ["Chart.yaml", "values.yaml", "templates/a.yaml", "templates/.hidden", "charts/sub/Chart.yaml", "docs/a/b.md", "a.txt", ".helmignore", "x/y/z/[w].txt"];

    private static readonly string[] Keys =
    [
        "applications", "applicationsets", "projects", "extensions", "itemTemplates", "items", "template", "name", "project", "namespace", "source",
        "sources", "destination", "syncPolicy", "generators", "goTemplate", "additionalAnnotations", "additionalLabels", "finalizers", "metadata", "spec",
        "description", "sourceRepos", "revisionHistoryLimit", "templatePatch",
    ];

    [Test]
    public async Task HelmIgnoreRulesParseAndApplyOrFailWithAChartError()
    {
        string[] seeds = ["*.bak\nscratch/\n", "!*.yaml\n/Chart.yaml\n", "foo/**/bar", "[z-", "#c\n\n\\\n", "templates/\n!templates/\n"];
        var line = Gen.ListOf(Gen.Elements(RulePieces)).Select(p => string.Concat(p.Take(8)));
        var file = Gen.Frequency((5, Gen.ListOf(line).Select(lines => string.Join("\n", lines.Take(12)))), (2, Hostile.Mutate(seeds)), (1, Hostile.OddText));

        var report = await FuzzRunner.RunAsync("helmignore", seeds, file, (text, _) => Task.FromResult(ProbeIgnore(text)), t => t);

        FuzzRunner.AssertNoFailures(report);
    }

    [Test]
    public async Task ArgocdAppsValuesExpandOrFailWithAChartError()
    {
        string[] seeds =
        [
            "{\"applications\":{\"a\":{\"project\":\"p\",\"destination\":{}}}}",
            "{\"applications\":[{\"name\":\"a\",\"project\":\"{{ .Values.x }}\"}]}",
            "{\"itemTemplates\":[{\"items\":[{\"name\":\"x\"}],\"template\":\"kind: A\\nmetadata: {name: '{{ .name }}'}\"}]}",
            "{\"applicationsets\":{\"s\":{\"template\":{\"metadata\":null,\"spec\":{\"project\":1}}}}}",
        ];
        var values = Gen.Frequency((5, Hostile.JsonValue(Keys)), (2, Hostile.Mutate(seeds)));
        var input = from v in values from version in Gen.Elements<string?>(null, "2.0.5", "1.6.2", "2.*", "x") select (Values: v, Version: version);

        var report = await FuzzRunner.RunAsync("argocd-apps", seeds.Select(s => (Values: s, Version: (string?)null)), input, (c, _) => Task.FromResult(ProbeValues(c.Values, c.Version)), c => c.Version + " " + c.Values);

        FuzzRunner.AssertNoFailures(report);
    }

    private static FuzzOutcome ProbeIgnore(string text)
    {
        try
        {
            var kept = HelmIgnore.Parse(text, ".helmignore").Keep(Paths);
            return FuzzOutcome.Ok(kept.Count == Paths.Length ? "nothing ignored" : "some ignored");
        }
        catch (HelmChartException)
        {
            return FuzzOutcome.Ok("HelmChartException");
        }
    }

    private static FuzzOutcome ProbeValues(string json, string? version)
    {
        try
        {
            var values = HelmChartLoader.ReadYamlMap(System.Text.Encoding.UTF8.GetBytes(json), "values.yaml");
            var objects = ArgocdAppsChart.Expand(values, version, new HelmRenderRequest(), [("values.yaml", json)], "app.yaml", new ManifestLoader());
            ArgocdAppsChart.RenderText(values, version, new HelmRenderRequest());
            return FuzzOutcome.Ok(objects.Count == 0 ? "no objects" : "objects");
        }
        catch (HelmChartException)
        {
            return FuzzOutcome.Ok("HelmChartException");
        }
    }
}
