using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// What a kustomization reads from the repo, found by following <c>resources</c>, <c>bases</c> and
/// <c>components</c>: the input objects (to point kustomize output back at its source file:line) and any remote
/// references (which cannot be fetched here).
/// </summary>
internal sealed class KustomizeInputs
{
    private const int MaxDepth = 32;

    private readonly Dictionary<string, List<ManifestObject>> byKind = new(StringComparer.Ordinal);

    public List<string> Remote { get; } = [];

    public static KustomizeInputs Scan(RepoTree repo, string directory, ManifestLoader loader)
    {
        var inputs = new KustomizeInputs();
        inputs.Visit(repo, directory, loader, new HashSet<string>(StringComparer.Ordinal), 0);
        return inputs;
    }

    /// <summary>The input object <paramref name="output"/> most likely came from (same kind; same name, or the longest name it contains).</summary>
    public ManifestObject? OriginOf(ManifestObject output)
    {
        if (!byKind.TryGetValue(output.Kind, out var candidates))
        {
            return null;
        }

        return candidates.FirstOrDefault(c => c.Name == output.Name)
            ?? candidates.Where(c => c.Name.Length > 0 && output.Name.Contains(c.Name, StringComparison.Ordinal)).MaxBy(c => c.Name.Length);
    }

    private void Visit(RepoTree repo, string directory, ManifestLoader loader, HashSet<string> visited, int depth)
    {
        if (depth > MaxDepth || !visited.Add(directory))
        {
            return;
        }

        var file = SourceToolDetector.FindKustomization(repo, directory);
        if (file is null || !repo.TryReadFile(SourceToolDetector.Join(directory, file), loader.Options.MaxFileBytes, out var bytes, out _))
        {
            return;
        }

        var (documents, _) = YamlDocumentReader.Read(System.Text.Encoding.UTF8.GetString(bytes), SourceToolDetector.Join(directory, file), loader.Options);
        if (documents.Count == 0 || documents[0].Root is not JsonObject kustomization)
        {
            return;
        }

        foreach (var key in new[] { "resources", "bases", "components" })
        {
            foreach (var entry in (kustomization[key] as JsonArray ?? []).OfType<JsonValue>())
            {
                if (!entry.TryGetValue<string>(out var reference))
                {
                    continue;
                }

                var local = RepoTree.Combine(directory, reference);
                if (local is not null && repo.FileExists(local))
                {
                    foreach (var o in loader.LoadFile(repo, local).Objects)
                    {
                        if (!byKind.TryGetValue(o.Kind, out var list))
                        {
                            byKind[o.Kind] = list = [];
                        }

                        list.Add(o);
                    }
                }
                else if (local is not null && repo.DirectoryExists(local))
                {
                    Visit(repo, local, loader, visited, depth + 1);
                }
                else if (IsRemote(reference))
                {
                    Remote.Add(reference);
                }
            }
        }
    }

    /// <summary>kustomize's remote forms: URLs, scp-like git addresses, hosted-git shorthands, <c>?ref=</c>.</summary>
    internal static bool IsRemote(string reference) =>
        reference.Contains("://", StringComparison.Ordinal) ||
        reference.StartsWith("git@", StringComparison.Ordinal) ||
        reference.StartsWith("github.com/", StringComparison.Ordinal) ||
        reference.StartsWith("gitlab.com/", StringComparison.Ordinal) ||
        reference.StartsWith("bitbucket.org/", StringComparison.Ordinal) ||
        reference.Contains("?ref=", StringComparison.Ordinal) ||
        reference.Contains(".git//", StringComparison.Ordinal);
}
