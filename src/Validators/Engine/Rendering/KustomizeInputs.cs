using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// What a kustomization reads from the repo, found by following <c>resources</c>, <c>bases</c> and
/// <c>components</c> (and plugin directories): the input objects (to point kustomize output back at its source
/// file:line), every remote reference (which is never fetched here) and every path that leaves the repository (which
/// is never read) — each path- or URL-valued field is checked through <see cref="RepoSandbox"/>.
/// </summary>
internal sealed class KustomizeInputs
{
    private const int MaxDepth = 32;

    private readonly Dictionary<string, List<ManifestObject>> byKind = new(StringComparer.Ordinal);

    /// <summary>URLs and remote git references: never fetched here.</summary>
    public List<string> Remote { get; } = [];

    /// <summary>References that leave the repository (<c>..</c> above the root, absolute paths, symlinks pointing out): never read.</summary>
    public List<OutsideReference> Outside { get; } = [];

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
        var kustomizationPath = file is null ? null : SourceToolDetector.Join(directory, file);
        if (kustomizationPath is null || !repo.TryReadFile(kustomizationPath, loader.Options.MaxFileBytes, out var bytes, out _))
        {
            return;
        }

        var (documents, _) = YamlDocumentReader.Read(System.Text.Encoding.UTF8.GetString(bytes), kustomizationPath, loader.Options);
        if (documents.Count == 0 || documents[0].Root is not JsonObject kustomization)
        {
            return;
        }

        var located = new ManifestObject(kustomization, documents[0].Location) { Locations = documents[0].Locations };
        foreach (var (pointer, reference, role) in References(kustomization))
        {
            var resolved = RepoSandbox.Resolve(repo, directory, reference);
            switch (resolved.Verdict)
            {
                case SandboxVerdict.Remote:
                    Remote.Add(reference);
                    continue;
                case SandboxVerdict.Outside:
                    Outside.Add(new OutsideReference(kustomizationPath, pointer, resolved, located.LocationOf(pointer)));
                    continue;
                case SandboxVerdict.Missing:
                    continue;
            }

            if (role == ReferenceRole.File)
            {
                continue;
            }

            var local = resolved.RelativePath!;
            if (repo.FileExists(local))
            {
                if (role == ReferenceRole.Resource)
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
            }
            else if (repo.DirectoryExists(local))
            {
                Visit(repo, local, loader, visited, depth + 1);
            }
        }
    }

    private enum ReferenceRole
    {
        /// <summary>A file of objects or a directory holding a kustomization (resources, bases, components).</summary>
        Resource,

        /// <summary>A plugin configuration file or a directory holding a kustomization (generators, transformers, validators).</summary>
        Plugin,

        /// <summary>A file kustomize reads (patches, generator sources, openapi schema, values files, …).</summary>
        File,
    }

    /// <summary>
    /// Every path- or URL-valued field of a kustomization (kustomize api/types/kustomization.go), with its JSON
    /// pointer. helmCharts[].repo is always a network location.
    /// </summary>
    private static IEnumerable<(string Pointer, string Reference, ReferenceRole Role)> References(JsonObject k)
    {
        foreach (var key in new[] { "resources", "bases", "components" })
        {
            foreach (var (i, value) in Strings(k[key]))
            {
                yield return ($"/{key}/{i}", value, ReferenceRole.Resource);
            }
        }

        foreach (var key in new[] { "generators", "transformers", "validators" })
        {
            foreach (var (i, value) in Strings(k[key]))
            {
                // An inline plugin configuration is YAML text, not a path.
                if (!value.Contains('\n', StringComparison.Ordinal))
                {
                    yield return ($"/{key}/{i}", value, ReferenceRole.Plugin);
                }
            }
        }

        foreach (var key in new[] { "crds", "configurations" })
        {
            foreach (var (i, value) in Strings(k[key]))
            {
                yield return ($"/{key}/{i}", value, ReferenceRole.File);
            }
        }

        foreach (var (i, value) in Strings(k["patchesStrategicMerge"]))
        {
            if (!value.Contains('\n', StringComparison.Ordinal))
            {
                yield return ($"/patchesStrategicMerge/{i}", value, ReferenceRole.File);
            }
        }

        foreach (var key in new[] { "patches", "patchesJson6902", "replacements" })
        {
            foreach (var (i, entry) in Objects(k[key]))
            {
                if (JsonRead.Str(entry["path"])?.Trim() is { } path)
                {
                    yield return ($"/{key}/{i}/path", path, ReferenceRole.File);
                }
            }
        }

        if (k["openapi"] is JsonObject openapi && JsonRead.Str(openapi["path"])?.Trim() is { } schema)
        {
            yield return ("/openapi/path", schema, ReferenceRole.File);
        }

        foreach (var key in new[] { "configMapGenerator", "secretGenerator" })
        {
            foreach (var (i, generator) in Objects(k[key]))
            {
                foreach (var (j, source) in Strings(generator["files"]))
                {
                    // files entries may be "key=path".
                    var eq = source.IndexOf('=', StringComparison.Ordinal);
                    yield return ($"/{key}/{i}/files/{j}", eq >= 0 ? source[(eq + 1)..] : source, ReferenceRole.File);
                }

                foreach (var (j, env) in Strings(generator["envs"]))
                {
                    yield return ($"/{key}/{i}/envs/{j}", env, ReferenceRole.File);
                }

                if (JsonRead.Str(generator["env"])?.Trim() is { } single)
                {
                    yield return ($"/{key}/{i}/env", single, ReferenceRole.File);
                }
            }
        }

        if (k["helmGlobals"] is JsonObject globals && JsonRead.Str(globals["chartHome"])?.Trim() is { } chartHome)
        {
            yield return ("/helmGlobals/chartHome", chartHome, ReferenceRole.File);
        }

        foreach (var (i, chart) in Objects(k["helmCharts"]))
        {
            if (JsonRead.Str(chart["repo"])?.Trim() is { Length: > 0 } repo)
            {
                // A chart repository is always fetched over the network, whatever its scheme.
                yield return ($"/helmCharts/{i}/repo", RepoSandbox.IsRemote(repo) ? repo : "https://" + repo, ReferenceRole.File);
            }

            if (JsonRead.Str(chart["valuesFile"])?.Trim() is { } values)
            {
                yield return ($"/helmCharts/{i}/valuesFile", values, ReferenceRole.File);
            }

            foreach (var (j, extra) in Strings(chart["additionalValuesFiles"]))
            {
                yield return ($"/helmCharts/{i}/additionalValuesFiles/{j}", extra, ReferenceRole.File);
            }
        }
    }

    private static IEnumerable<(int Index, string Value)> Strings(JsonNode? node) =>
        (node as JsonArray ?? []).Select((n, i) => (i, JsonRead.Str(n)?.Trim())).Where(x => x.Item2 is { Length: > 0 }).Select(x => (x.i, x.Item2!));

    private static IEnumerable<(int Index, JsonObject Value)> Objects(JsonNode? node) =>
        (node as JsonArray ?? []).Select((n, i) => (i, n as JsonObject)).Where(x => x.Item2 is not null).Select(x => (x.i, x.Item2!));
}

/// <summary>A kustomization field that names a path outside the repository.</summary>
internal sealed record OutsideReference(string Kustomization, string Pointer, SandboxedPath Resolved, SourceLocation Location)
{
    public string Describe => $"{Kustomization} {Pointer.TrimStart('/').Replace('/', '.')}: {Resolved.Problem}";
}
