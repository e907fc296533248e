using System.Text;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Plain directory sources [ARGOCD-SEMANTICS §1.2; reposerver findManifests]: files directly in the path (or all
/// below with recurse), extension filter first (yaml/yml/json/jsonnet), then exclude, then include (gobwas globs on
/// the path relative to the source path), files marked <c>+argocd:skip-file-rendering</c> skipped, and a YAML file
/// that does not parse is an error only when it looks like a manifest (apiVersion:, kind: and metadata:).
/// </summary>
internal static class DirectoryRenderer
{
    private const string SkipMarker = "+argocd:skip-file-rendering";
    private const string ManifestHint = "Fix the file at the reported line, move it out of the source path, or exclude it with spec.source.directory.exclude.";

    public static SourceRender Render(SourceContext ctx, ManifestLoader loader)
    {
        var directory = ctx.Source.Directory;
        var listing = ctx.Tree.List(ctx.Path, directory?.Recurse ?? false);
        if (listing.Findings.Count > 0)
        {
            var first = listing.Findings[0];
            return SourceRender.Failed(ctx, $"invalid manifest file {first.Location?.File}: {first.Message}", "Remove the symlink or point it at a file inside the repository.", first.Location, listing.Findings);
        }

        var include = Compile(directory?.Include);
        var exclude = Compile(directory?.Exclude);
        var objects = new List<ManifestObject>();
        var findings = new List<Finding>();
        foreach (var file in listing.Files.Order(PathOrder.Instance))
        {
            var name = file[(file.LastIndexOf('/') + 1)..];
            var isJsonnet = name.EndsWith(".jsonnet", StringComparison.Ordinal);
            if (!(name.EndsWith(".yaml", StringComparison.Ordinal) || name.EndsWith(".yml", StringComparison.Ordinal) || name.EndsWith(".json", StringComparison.Ordinal) || isJsonnet))
            {
                continue;
            }

            var relative = ctx.Path.Length == 0 ? file : file[(ctx.Path.Length + 1)..];
            if ((exclude is not null && exclude.IsMatch(relative)) || (include is not null && !include.IsMatch(relative)))
            {
                continue;
            }

            if (!ctx.Tree.TryReadFile(file, loader.Options.MaxFileBytes, out var bytes, out var problem))
            {
                var location = SourceLocation.OfFile(file);
                var yaml = LoadingFindings.Yaml(location, problem!, ManifestHint);
                return SourceRender.Failed(ctx, $"failed to read {file}: {problem}", ManifestHint, location, [yaml]);
            }

            if (bytes.AsSpan().IndexOf(Encoding.UTF8.GetBytes(SkipMarker)) >= 0)
            {
                continue;
            }

            if (isJsonnet)
            {
                return SourceRender.NotRendered(ctx, $"{file} is a Jsonnet file, and Jsonnet is not evaluated here", "Render the Jsonnet to YAML in Git, exclude it with directory.exclude, or validate this app on a cluster with a real Argo CD.");
            }

            var result = loader.LoadBytes(bytes, file);
            var broken = result.Findings.Count > 0 || result.Skipped.Count > 0;
            if (broken)
            {
                var text = Encoding.UTF8.GetString(bytes);
                var looksLikeManifest = text.Contains("apiVersion:", StringComparison.Ordinal) && text.Contains("kind:", StringComparison.Ordinal) && text.Contains("metadata:", StringComparison.Ordinal);
                if (result.Objects.Count == 0 && !looksLikeManifest && !name.EndsWith(".json", StringComparison.Ordinal))
                {
                    // Argo CD ignores YAML that does not look like a manifest (values files and the like).
                    continue;
                }

                var cause = result.Findings.Count > 0 ? result.Findings[0].Message : result.Skipped[0].Reason;
                var at = result.Findings.Count > 0 ? result.Findings[0].Location : result.Skipped[0].Location;
                return SourceRender.Failed(ctx, $"Failed to unmarshal \"{name}\": {cause}", ManifestHint, at, result.Findings);
            }

            if (name.EndsWith(".json", StringComparison.Ordinal) && result.Objects.Count > 1)
            {
                return SourceRender.Failed(ctx, $"Found multiple objects in \"{name}\". Only single objects are allowed in JSON files.", ManifestHint, SourceLocation.OfFile(file));
            }

            objects.AddRange(result.Objects);
            findings.AddRange(result.Findings);
        }

        return SourceRender.Ok(objects, findings);
    }

    /// <summary>gobwas compile; Argo CD treats a malformed pattern as matching nothing.</summary>
    private static GlobPattern? Compile(string? pattern)
    {
        if (string.IsNullOrEmpty(pattern))
        {
            return null;
        }

        try
        {
            return GlobPattern.Compile(pattern);
        }
        catch (FormatException)
        {
            return GlobPattern.Compile("\0never\0");
        }
    }
}
