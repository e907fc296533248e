using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The files of a repo that are only kustomize bases: files listed in <c>resources</c>/<c>bases</c>/<c>components</c>
/// of a kustomization that another kustomization uses (transitively), or that a kustomization pulls in from outside
/// its own directory. Such a file is never applied as it is written — kustomize applies the overlay's output, with
/// its patches, name prefixes and namespace (kustomize api/types/kustomization.go: resources, bases, components) —
/// so discovery never makes an Argo CD object in it a root (its placeholder values would be false findings).
/// </summary>
internal static class KustomizeBases
{
    /// <summary>Each base file, with the kustomization directory that uses it.</summary>
    public static IReadOnlyDictionary<string, string> Of(RepoTree repo, IReadOnlyList<string> files, LoaderOptions options)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(files);
        var directories = files
            .Where(f => SourceToolDetector.KustomizationFileNames.Contains(f.Contains('/', StringComparison.Ordinal) ? f[(f.LastIndexOf('/') + 1)..] : f, StringComparer.Ordinal))
            .Select(f => f.Contains('/', StringComparison.Ordinal) ? f[..f.LastIndexOf('/')] : string.Empty)
            .Distinct(StringComparer.Ordinal)
            .ToList();
        var usedBy = new Dictionary<string, string>(StringComparer.Ordinal);
        var directFiles = new List<(string Kustomization, string File)>();
        foreach (var directory in directories)
        {
            foreach (var local in References(repo, directory, options))
            {
                if (repo.FileExists(local))
                {
                    directFiles.Add((directory, local));
                }
                else if (repo.DirectoryExists(local) && SourceToolDetector.FindKustomization(repo, local) is not null && local != directory)
                {
                    usedBy.TryAdd(local, directory);
                }
            }
        }

        var bases = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (kustomization, file) in directFiles)
        {
            var inOwnTree = kustomization.Length == 0 || file.StartsWith(kustomization + "/", StringComparison.Ordinal);
            if (usedBy.TryGetValue(kustomization, out var overlay))
            {
                bases.TryAdd(file, overlay);
            }
            else if (!inOwnTree)
            {
                bases.TryAdd(file, kustomization);
            }
        }

        return bases;
    }

    private static IEnumerable<string> References(RepoTree repo, string directory, LoaderOptions options)
    {
        var name = SourceToolDetector.FindKustomization(repo, directory);
        var path = name is null ? null : SourceToolDetector.Join(directory, name);
        if (path is null || !repo.TryReadFile(path, options.MaxFileBytes, out var bytes, out _))
        {
            yield break;
        }

        var (documents, _) = YamlDocumentReader.Read(System.Text.Encoding.UTF8.GetString(bytes), path, options);
        if (documents.Count == 0 || documents[0].Root is not JsonObject kustomization)
        {
            yield break;
        }

        foreach (var key in new[] { "resources", "bases", "components" })
        {
            foreach (var item in (kustomization[key] as JsonArray ?? []).OfType<JsonValue>())
            {
                if (item.TryGetValue<string>(out var reference) &&
                    RepoSandbox.Resolve(repo, directory, reference) is { Verdict: SandboxVerdict.Inside, RelativePath: { } local })
                {
                    yield return local;
                }
            }
        }
    }
}
