using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Support;

/// <summary>Builds Application models from YAML for tests.</summary>
public static class Apps
{
    public const string RepoUrl = "https://github.com/org/platform.git";

    public static Application Parse(string yaml, string file = "apps/app.yaml")
    {
        var manifest = new ManifestLoader().LoadText(yaml, file).Objects.Single();
        var result = ArgoModelParser.ParseApplication(manifest);
        Assert.That(result.Value, Is.Not.Null, () => string.Join("; ", result.Findings.Select(f => f.Message)));
        return result.Value!;
    }

    /// <summary>An in-cluster Application with one source at <paramref name="path"/> (extra YAML is inserted under the source).</summary>
    public static Application WithPath(string path, string? sourceExtra = null, string name = "app", string ns = "target", string repoUrl = RepoUrl) => Parse($"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
        spec:
          project: default
          source:
            repoURL: {repoUrl}
            path: {path}
        {Indent(sourceExtra)}
          destination:
            server: https://kubernetes.default.svc
            namespace: {ns}
        """);

    private static string Indent(string? extra) =>
        extra is null ? string.Empty : string.Join("\n", extra.Split('\n').Select(l => "    " + l));
}
