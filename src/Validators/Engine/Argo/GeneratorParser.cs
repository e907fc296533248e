using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>Parses ApplicationSet generators [ARGOCD-SEMANTICS §7.1].</summary>
internal static class GeneratorParser
{
    private static readonly string[] Supported = ["list", "git", "matrix", "merge", "clusters"];
    private static readonly string[] Known = ["scmProvider", "clusterDecisionResource", "pullRequest", "plugin"];

    public static IReadOnlyList<GeneratorSpec> ParseList(SpecReader r, JsonObject? parent, string pointer, string key, int nesting)
    {
        var list = new List<GeneratorSpec>();
        foreach (var (item, p) in r.ObjectList(parent, pointer, key))
        {
            if (Parse(r, item, p, nesting) is { } g)
            {
                list.Add(g);
            }
        }

        return list;
    }

    private static GeneratorSpec? Parse(SpecReader r, JsonObject g, string pointer, int nesting)
    {
        var selector = ParseSelector(r, g, pointer);
        var kinds = g.Select(p => p.Key).Where(k => k != "selector" && g[k] is not null).ToList();
        if (kinds.Count == 0)
        {
            r.Error(pointer, "a generator entry names no generator (list, git, matrix, merge, clusters, …)");
            return null;
        }

        if (kinds.Count > 1)
        {
            r.Error(pointer, $"a generator entry names several generators ({string.Join(", ", kinds)}); use one per entry");
            return null;
        }

        var kind = kinds[0];
        var p = JsonPointer.Combine(pointer, kind);
        if (!Supported.Contains(kind) && !Known.Contains(kind))
        {
            r.Error(p, $"unrecognized generator '{kind}'");
            return null;
        }

        var body = r.Object(g, pointer, kind);
        if (body is null)
        {
            return null;
        }

        var template = r.Object(body, p, "template");
        switch (kind)
        {
            case "list":
            {
                var elements = r.ObjectList(body, p, "elements").Select(e => e.Item).ToList();
                var elementsYaml = r.String(body, p, "elementsYaml");
                return new ListGeneratorSpec(elements, string.IsNullOrEmpty(elementsYaml) ? null : elementsYaml, selector, template, p);
            }

            case "git":
            {
                var repoUrl = r.String(body, p, "repoURL", required: true) ?? string.Empty;
                var revision = r.String(body, p, "revision") ?? string.Empty;
                var dirs = r.ObjectList(body, p, "directories")
                    .Select(e => new GitPathEntry(r.String(e.Item, e.Pointer, "path", required: true) ?? string.Empty, r.Bool(e.Item, e.Pointer, "exclude") ?? false))
                    .ToList();
                var files = r.ObjectList(body, p, "files")
                    .Select(e => new GitPathEntry(r.String(e.Item, e.Pointer, "path", required: true) ?? string.Empty, r.Bool(e.Item, e.Pointer, "exclude") ?? false))
                    .ToList();
                if (dirs.Count == 0 && files.Count == 0)
                {
                    r.Error(p, "the git generator needs directories or files");
                }

                var prefix = r.String(body, p, "pathParamPrefix");
                return new GitGeneratorSpec(repoUrl, string.IsNullOrEmpty(revision) ? "HEAD" : revision, dirs, files, string.IsNullOrEmpty(prefix) ? null : prefix, r.StringMap(body, p, "values"), selector, template, p);
            }

            case "matrix" or "merge":
            {
                if (nesting >= 2)
                {
                    r.Error(p, $"{kind} generators nest at most one level (a {kind} inside a matrix/merge inside a matrix/merge is not supported)");
                    return null;
                }

                var children = ParseList(r, body, p, "generators", nesting + 1);
                if (kind == "matrix")
                {
                    if (children.Count != 2)
                    {
                        r.Error(JsonPointer.Combine(p, "generators"), $"a matrix generator needs exactly two child generators, not {children.Count}");
                    }

                    return new MatrixGeneratorSpec(children, selector, template, p);
                }

                var keys = r.StringList(body, p, "mergeKeys");
                if (children.Count < 2)
                {
                    r.Error(JsonPointer.Combine(p, "generators"), $"a merge generator needs at least two child generators, not {children.Count}");
                }

                if (keys.Count == 0)
                {
                    r.Error(p, "a merge generator needs mergeKeys");
                }

                return new MergeGeneratorSpec(children, keys, selector, template, p);
            }

            case "clusters":
                return new ClustersGeneratorSpec(r.StringMap(body, p, "values"), selector, template, p) { ClusterSelector = ParseSelector(r, body, p), FlatList = r.Bool(body, p, "flatList") ?? false };

            default:
                return new UnsupportedGeneratorSpec(kind, body, selector, template, p);
        }
    }

    private static LabelSelector? ParseSelector(SpecReader r, JsonObject g, string pointer)
    {
        var s = r.Object(g, pointer, "selector");
        if (s is null)
        {
            return null;
        }

        var p = JsonPointer.Combine(pointer, "selector");
        var expressions = r.ObjectList(s, p, "matchExpressions")
            .Select(e =>
            {
                var op = r.String(e.Item, e.Pointer, "operator", required: true) ?? string.Empty;
                if (op is not ("In" or "NotIn" or "Exists" or "DoesNotExist"))
                {
                    r.Error(e.Pointer, $"selector operator must be In, NotIn, Exists or DoesNotExist (got \"{op}\")");
                }

                return new LabelSelectorRequirement(r.String(e.Item, e.Pointer, "key", required: true) ?? string.Empty, op, r.StringList(e.Item, e.Pointer, "values"));
            })
            .ToList();
        return new LabelSelector(r.StringMap(s, p, "matchLabels"), expressions);
    }
}
