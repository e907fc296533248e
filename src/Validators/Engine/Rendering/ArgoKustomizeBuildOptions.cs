using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Whether the repo's own Argo CD configuration turns on kustomize's <c>--enable-helm</c>: a ConfigMap
/// <c>argocd-cm</c> whose <c>kustomize.buildOptions</c> (or a versioned <c>kustomize.buildOptions.&lt;version&gt;</c>)
/// holds it (Argo CD docs, user-guide/kustomize.md "kustomize build Options/Parameters"), or an argocd-operator
/// <c>ArgoCD</c> resource whose <c>spec.kustomizeBuildOptions</c> holds it (argocd-operator api/v1beta1
/// argocd_types.go, written into argocd-cm by the operator). The answer is kept per repository root.
/// </summary>
internal sealed class ArgoKustomizeBuildOptions(ManifestLoader loader)
{
    private const string Flag = "--enable-helm";

    private readonly ConcurrentDictionary<string, string?> byRoot = new(StringComparer.Ordinal);

    /// <summary>The repo file that enables Helm for kustomize, or null when none does.</summary>
    public string? EnablesHelm(RepoTree repo)
    {
        ArgumentNullException.ThrowIfNull(repo);
        return byRoot.GetOrAdd(repo.Root, _ => Find(repo));
    }

    private string? Find(RepoTree repo)
    {
        foreach (var file in repo.List(string.Empty, recursive: true).Files)
        {
            if (!ManifestLoader.IsManifestFile(file) || file.Split('/').Any(s => s.StartsWith('.')) ||
                !repo.TryReadFile(file, loader.Options.MaxFileBytes, out var bytes, out _))
            {
                continue;
            }

            // Only files that can hold the setting are parsed.
            var text = System.Text.Encoding.UTF8.GetString(bytes);
            if (!text.Contains(Flag, StringComparison.Ordinal))
            {
                continue;
            }

            if (loader.LoadFile(repo, file).Objects.Any(Enables))
            {
                return file;
            }
        }

        return null;
    }

    private static bool Enables(ManifestObject o)
    {
        if (o.Kind == "ConfigMap" && o.Name == "argocd-cm" && o.Body["data"] is JsonObject data)
        {
            return data.Any(kv => (kv.Key == "kustomize.buildOptions" || kv.Key.StartsWith("kustomize.buildOptions.", StringComparison.Ordinal)) && HasFlag(kv.Value));
        }

        return o.Kind == "ArgoCD" && o.ApiVersion.StartsWith("argoproj.io/", StringComparison.Ordinal) &&
            o.Body["spec"] is JsonObject spec && HasFlag(spec["kustomizeBuildOptions"]);
    }

    private static bool HasFlag(JsonNode? value) =>
        value is JsonValue v && v.TryGetValue<string>(out var s) &&
        s.Split([' ', '\t', '\n'], StringSplitOptions.RemoveEmptyEntries).Any(t => t == Flag || t == Flag + "=true");
}
