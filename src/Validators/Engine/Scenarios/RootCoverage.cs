using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Which repo paths an Argo CD object "owns": the source paths of Applications and of ApplicationSet templates that
/// point at this repo (a templated segment such as <c>{{.group}}</c> matches any one directory), and the paths of git
/// generators. A file under such a path belongs to that parent as Argo CD sees the repo, whether or not a generator
/// element reaches it today, so discovery never makes it a root. The repo root itself and fully templated paths
/// (<c>{{.path.path}}</c>) own nothing, and two objects that cover each other's files do not count.
/// </summary>
internal sealed class RootCoverage
{
    private readonly List<(string Owner, string[] Pattern)> entries;

    private RootCoverage(List<(string Owner, string[] Pattern)> entries)
    {
        this.entries = entries;
    }

    /// <summary>The coverage of every object the scan found and the discovery expansion rendered.</summary>
    public static RootCoverage Of(RepoScan scan, ExpandedProfile everything)
    {
        var objects = scan.ArgoObjects
            .Concat(everything.Apps.Select(a => a.Manifest))
            .Concat(everything.ApplicationSets.Select(s => s.Manifest))
            .Where(o => ArgoKinds.IsApplication(o) || ArgoKinds.IsApplicationSet(o));
        var entries = new List<(string, string[])>();
        foreach (var o in objects)
        {
            foreach (var path in Paths(o, scan.CanonicalRepoUrl))
            {
                if (Pattern(path) is { } pattern)
                {
                    entries.Add((o.Location.File, pattern));
                }
            }
        }

        return new RootCoverage(entries.DistinctBy(e => (e.Item1, string.Join('/', e.Item2))).ToList());
    }

    /// <summary>True when another object's path covers <paramref name="file"/> (and <paramref name="file"/> does not cover that object back).</summary>
    public bool Covered(string file)
    {
        ArgumentNullException.ThrowIfNull(file);
        return entries.Any(e => e.Owner != file && Matches(e.Pattern, file) &&
                                !entries.Any(back => back.Owner == file && Matches(back.Pattern, e.Owner)));
    }

    private static bool Matches(string[] pattern, string file)
    {
        var dirs = file.Split('/')[..^1];
        if (pattern.Length > dirs.Length)
        {
            return false;
        }

        for (var i = 0; i < pattern.Length; i++)
        {
            try
            {
                if (!GoPathMatch.IsMatch(pattern[i], dirs[i]))
                {
                    return false;
                }
            }
            catch (FormatException)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Directory segments of a source or generator path; null when it covers nothing (root, fully templated, outside the repo).</summary>
    private static string[]? Pattern(string path)
    {
        var segments = new List<string>();
        foreach (var raw in path.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (raw == ".")
            {
                continue;
            }

            if (raw == "..")
            {
                return null;
            }

            segments.Add(raw.Contains("{{", StringComparison.Ordinal) || raw == "**" ? "*" : raw);
        }

        // A pattern with no literal segment (repo root, "{{.path.path}}", "*") would claim every file.
        return segments.Any(s => s.IndexOfAny(['*', '?', '[']) < 0) ? segments.ToArray() : null;
    }

    private static IEnumerable<string> Paths(ManifestObject o, string canonical)
    {
        var spec = o.Body["spec"] as JsonObject;
        var isSet = ArgoKinds.IsApplicationSet(o);
        var sourceSpec = isSet ? (spec?["template"] as JsonObject)?["spec"] as JsonObject : spec;
        var sources = new List<JsonObject>();
        if (sourceSpec?["source"] is JsonObject single)
        {
            sources.Add(single);
        }

        if (sourceSpec?["sources"] is JsonArray many)
        {
            sources.AddRange(many.OfType<JsonObject>());
        }

        foreach (var source in sources)
        {
            if (source["chart"] is null && Text(source["repoURL"]) is { } url && Text(source["path"]) is { } path &&
                (url.Contains("{{", StringComparison.Ordinal) || RepoUrl.SameRepo(url, canonical)))
            {
                yield return path;
            }
        }

        if (isSet)
        {
            foreach (var path in GitGeneratorPaths(spec?["generators"], canonical))
            {
                yield return path;
            }
        }
    }

    private static IEnumerable<string> GitGeneratorPaths(JsonNode? node, string canonical)
    {
        switch (node)
        {
            case JsonArray array:
                foreach (var item in array)
                {
                    foreach (var p in GitGeneratorPaths(item, canonical))
                    {
                        yield return p;
                    }
                }

                break;
            case JsonObject obj:
                if (obj["git"] is JsonObject git && Text(git["repoURL"]) is { } url &&
                    (url.Contains("{{", StringComparison.Ordinal) || RepoUrl.SameRepo(url, canonical)))
                {
                    foreach (var d in (git["directories"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (d["exclude"] is not JsonValue ex || !ex.TryGetValue<bool>(out var excluded) || !excluded)
                        {
                            if (Text(d["path"]) is { } path)
                            {
                                yield return path;
                            }
                        }
                    }

                    foreach (var f in (git["files"] as JsonArray ?? []).OfType<JsonObject>())
                    {
                        if (Text(f["path"]) is { } path && path.LastIndexOf('/') is var slash and > 0)
                        {
                            yield return path[..slash];
                        }
                    }
                }

                foreach (var (key, value) in obj)
                {
                    if (key != "git" && value is JsonObject or JsonArray)
                    {
                        foreach (var p in GitGeneratorPaths(value, canonical))
                        {
                            yield return p;
                        }
                    }
                }

                break;
        }
    }

    private static string? Text(JsonNode? n) => JsonRead.Str(n);
}
