using System.Diagnostics;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Repos;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.ArgoCd.Rendering;

/// <summary>
/// Used only while the engine's <c>ApplicationRenderer</c> is not implemented in the build: directory sources
/// (recurse/include/exclude) through the engine's <see cref="ManifestLoader"/>, kustomize through
/// <c>kubectl kustomize</c> without Application overrides (overrides → ComparisonError). Everything else fails clearly.
/// </summary>
internal sealed class InterimRenderer(string kubectlPath, TimeSpan toolTimeout)
{
    private readonly ManifestLoader loader = new();

    public async Task<GeneratedManifests> RenderAsync(IReadOnlyList<JsonObject> sources, IReadOnlyList<ResolvedRevision> dirs, IReadOnlyList<string> revisions, CancellationToken cancellationToken)
    {
        var objects = new List<JsonObject>();
        for (var i = 0; i < sources.Count; i++)
        {
            var source = sources[i];
            var path = Json.Str(source, "path");
            if (path is null)
            {
                continue;
            }

            var tree = RepoTree.Open(dirs[i].Directory);
            var full = Path.Combine(dirs[i].Directory, path);
            LoadResult result;
            if (File.Exists(Path.Combine(full, "Chart.yaml")) || source["helm"] is not null)
            {
                return ManifestGenerator.Failed(i, sources.Count, "helm is not available to the simulated Argo CD");
            }

            if (new[] { "kustomization.yaml", "kustomization.yml", "Kustomization" }.Any(f => File.Exists(Path.Combine(full, f))) || source["kustomize"] is not null)
            {
                if (Json.Obj(source, "kustomize") is { Count: > 0 })
                {
                    return ManifestGenerator.Failed(i, sources.Count, "kustomize overrides need the engine's renderer, which is not in this build");
                }

                var (ok, output) = await RunKustomizeAsync(full, cancellationToken).ConfigureAwait(false);
                if (!ok)
                {
                    return ManifestGenerator.Failed(i, sources.Count, "`kustomize build` failed: " + output);
                }

                result = loader.LoadText(output, path + "/kustomize-output.yaml");
            }
            else
            {
                var recurse = Json.Bool(source, "directory.recurse");
                var include = Json.Str(source, "directory.include");
                var exclude = Json.Str(source, "directory.exclude");
                var listing = tree.List(path, recurse);
                result = LoadResult.Empty;
                foreach (var file in listing.Files.Where(ManifestLoader.IsManifestFile))
                {
                    var rel = file[(path.TrimEnd('/').Length + (path.Length > 0 ? 1 : 0))..];
                    if ((exclude is not null && GlobAny(exclude, rel)) || (include is not null && !GlobAny(include, rel)))
                    {
                        continue;
                    }

                    result = result.Concat(loader.LoadFile(tree, file));
                }
            }

            if (result.HasErrors)
            {
                return ManifestGenerator.Failed(i, sources.Count, string.Join("; ", result.Findings.Where(f => f.Severity == Severity.Error).Select(f => f.Message)));
            }

            objects.AddRange(result.Objects.Select(o => Json.Clone(o.Body)));
        }

        return new GeneratedManifests(objects, revisions);
    }

    private static bool GlobAny(string pattern, string path)
    {
        var p = pattern.Trim();
        if (p.StartsWith('{') && p.EndsWith('}'))
        {
            return p[1..^1].Split(',').Any(x => Glob.Match(x.Trim(), path));
        }

        return Glob.Match(p, path);
    }

    private async Task<(bool Ok, string Output)> RunKustomizeAsync(string dir, CancellationToken cancellationToken)
    {
        var psi = new ProcessStartInfo(kubectlPath, ["kustomize", dir]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start kubectl");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(toolTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token).ConfigureAwait(false);
        return process.ExitCode == 0 ? (true, await stdout.ConfigureAwait(false)) : (false, (await stderr.ConfigureAwait(false)).Trim());
    }
}
