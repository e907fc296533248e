using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>Parses <c>spec.source</c> / <c>spec.sources</c> [ARGOCD-SEMANTICS §1.1–1.4].</summary>
internal static class ApplicationSourceParser
{
    public static (IReadOnlyList<ApplicationSource> Sources, bool Multi) ParseSources(SpecReader r, JsonObject? spec)
    {
        if (spec is null)
        {
            return ([], false);
        }

        // A non-empty spec.sources makes the app multi-source; spec.source is then ignored [types.go HasMultipleSources].
        var list = r.Array(spec, "/spec", "sources");
        if (list is { Count: > 0 })
        {
            var sources = new List<ApplicationSource>();
            foreach (var (item, pointer) in r.ObjectList(spec, "/spec", "sources"))
            {
                sources.Add(Parse(r, item, pointer, multiSource: true));
            }

            var refs = sources.Where(s => s.Ref is not null).GroupBy(s => s.Ref, StringComparer.Ordinal).Where(g => g.Count() > 1);
            foreach (var dup in refs)
            {
                r.Error(dup.Last().Pointer + "/ref", $"ref \"{dup.Key}\" is used by more than one source");
            }

            return (sources, true);
        }

        var single = r.Object(spec, "/spec", "source");
        if (single is null)
        {
            if (r.Node(spec, "source") is null)
            {
                r.Error("/spec", "the Application has no source: set spec.source or spec.sources");
            }

            return ([], false);
        }

        return ([Parse(r, single, "/spec/source", multiSource: false)], false);
    }

    private static ApplicationSource Parse(SpecReader r, JsonObject s, string pointer, bool multiSource)
    {
        var repoUrl = r.String(s, pointer, "repoURL", required: true) ?? string.Empty;
        var path = r.String(s, pointer, "path");
        var revision = r.String(s, pointer, "targetRevision");
        var chart = r.String(s, pointer, "chart");
        var reference = r.String(s, pointer, "ref");
        var name = r.String(s, pointer, "name");
        if (reference is not null && chart is not null)
        {
            r.Error(JsonPointer.Combine(pointer, "ref"), "a source with ref cannot also set chart");
        }

        if (reference is not null && !multiSource)
        {
            r.Error(JsonPointer.Combine(pointer, "ref"), "ref is only meaningful in spec.sources (multi-source Applications)");
        }

        if (chart is not null && path is not null)
        {
            r.Error(JsonPointer.Combine(pointer, "chart"), "a source sets both chart and path; use chart for a Helm repository or path for a Git repository");
        }

        var directory = ParseDirectory(r, s, pointer);
        var kustomize = ParseKustomize(r, s, pointer);
        var helm = ParseHelm(r, s, pointer);
        var plugin = r.Object(s, pointer, "plugin");
        var tools = new[] { (helm is not null, "helm"), (kustomize is not null, "kustomize"), (directory is not null, "directory"), (plugin is not null, "plugin") }
            .Where(t => t.Item1).Select(t => t.Item2).ToList();
        if (tools.Count > 1)
        {
            // [reposerver ExplicitType: "multiple application sources defined"]
            r.Error(pointer, $"multiple application sources defined: {string.Join(",", tools)}; keep one tool block per source");
        }

        return new ApplicationSource(
            repoUrl,
            string.IsNullOrEmpty(path) ? null : path,
            string.IsNullOrEmpty(revision) ? ApplicationSource.DefaultRevision : revision,
            string.IsNullOrEmpty(chart) ? null : chart,
            string.IsNullOrEmpty(reference) ? null : reference,
            name,
            directory,
            kustomize,
            helm,
            plugin,
            pointer);
    }

    private static DirectorySource? ParseDirectory(SpecReader r, JsonObject s, string pointer)
    {
        var d = r.Object(s, pointer, "directory");
        if (d is null)
        {
            return null;
        }

        var p = pointer + "/directory";
        return new DirectorySource(
            r.Bool(d, p, "recurse") ?? false,
            NullIfEmpty(r.String(d, p, "include")),
            NullIfEmpty(r.String(d, p, "exclude")),
            r.Object(d, p, "jsonnet"));
    }

    private static KustomizeSource? ParseKustomize(SpecReader r, JsonObject s, string pointer)
    {
        var k = r.Object(s, pointer, "kustomize");
        if (k is null)
        {
            return null;
        }

        var p = pointer + "/kustomize";
        var replicas = new List<KustomizeReplica>();
        foreach (var (item, ip) in r.ObjectList(k, p, "replicas"))
        {
            var name = r.String(item, ip, "name", required: true) ?? string.Empty;
            long? count = r.Node(item, "count") is JsonValue v && v.TryGetValue<string>(out var str) && long.TryParse(str, System.Globalization.CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : r.Integer(item, ip, "count");
            if (count is null)
            {
                r.Error(ip, $"{SpecReader.Field(ip)}.count must be an integer");
                continue;
            }

            replicas.Add(new KustomizeReplica(name, (int)Math.Clamp(count.Value, int.MinValue, int.MaxValue)));
        }

        return new KustomizeSource(
            NullIfEmpty(r.String(k, p, "namePrefix")),
            NullIfEmpty(r.String(k, p, "nameSuffix")),
            r.StringList(k, p, "images"),
            replicas,
            r.StringMap(k, p, "commonLabels"),
            r.StringMap(k, p, "commonAnnotations"),
            NullIfEmpty(r.String(k, p, "namespace")),
            r.Array(k, p, "patches"),
            r.StringList(k, p, "components"))
        {
            ForceCommonLabels = r.Bool(k, p, "forceCommonLabels") ?? false,
            ForceCommonAnnotations = r.Bool(k, p, "forceCommonAnnotations") ?? false,
            LabelWithoutSelector = r.Bool(k, p, "labelWithoutSelector") ?? false,
            LabelIncludeTemplates = r.Bool(k, p, "labelIncludeTemplates") ?? false,
            IgnoreMissingComponents = r.Bool(k, p, "ignoreMissingComponents") ?? false,
            Version = NullIfEmpty(r.String(k, p, "version")),
        };
    }

    private static HelmSource? ParseHelm(SpecReader r, JsonObject s, string pointer)
    {
        var h = r.Object(s, pointer, "helm");
        if (h is null)
        {
            return null;
        }

        var p = pointer + "/helm";
        var parameters = r.ObjectList(h, p, "parameters")
            .Select(e => new HelmParameter(r.String(e.Item, e.Pointer, "name", required: true) ?? string.Empty, r.String(e.Item, e.Pointer, "value") ?? string.Empty, r.Bool(e.Item, e.Pointer, "forceString") ?? false))
            .ToList();
        var fileParameters = r.ObjectList(h, p, "fileParameters")
            .Select(e => new HelmFileParameter(r.String(e.Item, e.Pointer, "name", required: true) ?? string.Empty, r.String(e.Item, e.Pointer, "path", required: true) ?? string.Empty))
            .ToList();
        var valuesNode = r.Node(h, "values");
        string? values = valuesNode switch
        {
            null => null,
            JsonObject o => o.ToJsonString(), // tolerated by Argo CD's custom unmarshaller
            _ => r.String(h, p, "values"),
        };

        return new HelmSource(
            NullIfEmpty(r.String(h, p, "releaseName")),
            r.StringList(h, p, "valueFiles"),
            values,
            r.Object(h, p, "valuesObject"),
            parameters,
            fileParameters,
            r.Bool(h, p, "ignoreMissingValueFiles") ?? false)
        {
            Namespace = NullIfEmpty(r.String(h, p, "namespace")),
            SkipCrds = r.Bool(h, p, "skipCrds") ?? false,
            SkipTests = r.Bool(h, p, "skipTests") ?? false,
            PassCredentials = r.Bool(h, p, "passCredentials") ?? false,
            Version = NullIfEmpty(r.String(h, p, "version")),
            ApiVersions = r.StringList(h, p, "apiVersions"),
            KubeVersion = NullIfEmpty(r.String(h, p, "kubeVersion")),
        };
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
