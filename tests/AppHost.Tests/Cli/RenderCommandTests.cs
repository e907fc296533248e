using System.Text.Json.Nodes;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>`render`: an app's manifests offline, and `render helm` with helm template's defaults — no helm binary.</summary>
[NonParallelizable]
[CancelAfter(TestTimeouts.CancelAfterMs)]
public class RenderCommandTests
{
    private static TestRepo ChartRepo() => new TestRepo()
        .With("charts/web/Chart.yaml", "apiVersion: v2\nname: web\nversion: 1.0.0\n")
        .With("charts/web/values.yaml", "replicas: 1\n")
        .With("charts/web/templates/_helpers.tpl", "{{- define \"web.name\" -}}{{ .Release.Name }}-web{{- end -}}")
        .With("charts/web/templates/deploy.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ include \"web.name\" . }}\n  namespace: {{ .Release.Namespace }}\nspec:\n  replicas: {{ .Values.replicas }}\n")
        .With("apps/web.yaml", $$$"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata: {name: web, namespace: argocd}
            spec:
              project: default
              source: {repoURL: {{{TestRepo.RepoUrl}}}, path: charts/web, helm: {parameters: [{name: replicas, value: "3"}]}}
              destination: {server: https://kubernetes.default.svc, namespace: shop}
            """);

    [Test]
    public async Task RenderHelmPrintsHelmTemplateOutputWithItsDefaults()
    {
        using var repo = ChartRepo();

        var result = await CliRunner.RunAsync("render", "helm", repo.PathOf("charts/web"), "--set", "replicas=2");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Is.EqualTo("---\n# Source: web/templates/deploy.yaml\napiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: release-name-web\n  namespace: default\nspec:\n  replicas: 2\n"));
    }

    [Test]
    public async Task RenderAppShowsTheApplicationsObjectsWithTheirSourceAsJson()
    {
        using var repo = ChartRepo();

        var result = await CliRunner.RunAsync("render", "--repo", repo.Root, "--app", "web", "--format", "json");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        var item = JsonNode.Parse(result.Stdout)!.AsArray().Single()!;
        Assert.That(item["source"]!.GetValue<string>(), Is.EqualTo("charts/web/templates/deploy.yaml:1"));
        Assert.That(item["object"]!["metadata"]!["name"]!.GetValue<string>(), Is.EqualTo("web-web"));
        Assert.That(item["object"]!["spec"]!["replicas"]!.GetValue<double>(), Is.EqualTo(3));
    }

    [Test]
    public async Task AnUnknownAppIsExit2NamingTheAppsThereAre()
    {
        using var repo = ChartRepo();

        var result = await CliRunner.RunAsync("render", "--repo", repo.Root, "--app", "nope");

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("no Application named 'nope'").And.Contain("web"));
    }

    [Test]
    public async Task ATemplateErrorIsExit1WithHelmsMessage()
    {
        using var repo = ChartRepo().With("charts/web/templates/bad.yaml", "x: {{ required \"set host\" .Values.host }}\n");

        var result = await CliRunner.RunAsync("render", "helm", repo.PathOf("charts/web"));

        Assert.That(result.ExitCode, Is.EqualTo(1), result.ToString());
        Assert.That(result.Stderr, Does.Contain("execution error at (web/templates/bad.yaml:1): set host"));
    }
}
