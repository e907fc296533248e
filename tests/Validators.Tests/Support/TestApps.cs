using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Tests.Support;

/// <summary>Builds expanded apps from YAML text, for graph and analyzer tests that need no rendering.</summary>
public static class TestApps
{
    private static readonly ManifestLoader Loader = new();

    /// <summary>An Application named <paramref name="name"/> with the given destination namespace and sync options, and resources parsed from YAML.</summary>
    public static ExpandedApp App(
        string name,
        string layer,
        string resourcesYaml,
        string? destinationNamespace = null,
        bool automated = true,
        string[]? syncOptions = null,
        AppParent? parent = null,
        int wave = 0,
        string extraSpec = "")
    {
        var options = syncOptions is { Length: > 0 } ? "    syncOptions: [" + string.Join(", ", syncOptions) + "]\n" : string.Empty;
        var yaml = $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {name}
              namespace: argocd
              annotations:
                argocd.argoproj.io/sync-wave: "{wave}"
              finalizers: [resources-finalizer.argocd.argoproj.io]
            spec:
              project: platform
              source:
                repoURL: https://example.org/repo.git
                targetRevision: main
                path: apps/{name}
              destination:
                server: https://kubernetes.default.svc
            {(destinationNamespace is null ? string.Empty : "    namespace: " + destinationNamespace)}
              syncPolicy:
            {(automated ? "    automated: {prune: true, selfHeal: true}\n" : "    {}\n")}{options}{extraSpec}
            """;
        yaml = yaml.Replace("  syncPolicy:\n    {}\n    syncOptions", "  syncPolicy:\n    syncOptions", StringComparison.Ordinal);
        var manifest = Load(yaml, $"apps/{name}.yaml").Single();
        var parsed = ArgoModelParser.ParseApplication(manifest);
        if (parsed.Value is null)
        {
            throw new InvalidOperationException("test app does not parse: " + string.Join("; ", parsed.Findings.Select(f => f.Message)) + "\n" + yaml);
        }

        return new ExpandedApp(name, layer, parent, manifest, parsed.Value, Load(resourcesYaml, $"apps/{name}/resources.yaml"), RenderOutcome.Rendered, []);
    }

    public static IReadOnlyList<ManifestObject> Load(string yaml, string path)
    {
        var result = Loader.LoadText(yaml, path);
        if (result.HasErrors)
        {
            throw new InvalidOperationException("test YAML does not load: " + string.Join("; ", result.Findings.Select(f => f.Message)));
        }

        return result.Objects;
    }
}
