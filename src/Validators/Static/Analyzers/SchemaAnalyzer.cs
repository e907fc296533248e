using System.Text.Json.Nodes;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Schema;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// SCHEMA001: a rendered object the API server refuses on its schema — a custom resource that breaks the
/// openAPIV3Schema of the CRD version it uses (when that CRD is in the same profile; 422 Invalid), or a built-in kind
/// whose field has the wrong JSON type for its Go struct (400 BadRequest). SCHEMA002: a field the CRD schema does not
/// declare (the API server prunes it silently), and, as info, CEL rules (<c>x-kubernetes-validations</c>) that are
/// not evaluated here. The checks are the engine's <see cref="OpenApiValidator"/> and <see cref="GoTypeCheck"/>, the
/// ones the simulated API server runs, so messages and field paths match what a dry run against it answers.
/// </summary>
public sealed class SchemaAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var crdsByProfile = context.Profiles.ToDictionary(p => p, CrdSchemas);
        var celReported = new HashSet<(string, string, string)>();
        foreach (var (app, profile) in context.DistinctApps())
        {
            var crds = crdsByProfile[profile];
            foreach (var obj in app.Resources)
            {
                var version = obj.ApiVersion.Contains('/', StringComparison.Ordinal) ? obj.ApiVersion[(obj.ApiVersion.IndexOf('/', StringComparison.Ordinal) + 1)..] : obj.ApiVersion;
                if (crds.TryGetValue((obj.Group, obj.Kind), out var crd))
                {
                    foreach (var f in CheckCustom(obj, version, crd, app, celReported))
                    {
                        yield return f;
                    }
                }
                else if (obj.Kind.Length > 0 && GoTypeCheck.ModelType(obj.Group, version, obj.Kind) is { } model
                    && GoTypeCheck.DecodeError(obj.Body, model, obj.Kind, obj.ApiVersion) is { } message)
                {
                    yield return AppFindings.Create(FindingIds.Schema001,
                        $"{Describe(obj)} (app {app.Name}) does not decode as {obj.ApiVersion} {obj.Kind}: the API server refuses it with 400 BadRequest \"{message}\".",
                        obj.Location,
                        $"Give the field the JSON type the {obj.Kind} API defines (kubectl explain {obj.Kind.ToLowerInvariant()}); quote or unquote the value in the manifest or the chart values.",
                        app.Name);
                }
            }
        }
    }

    private static IEnumerable<Finding> CheckCustom(ManifestObject obj, string version, CrdInfo crd, ExpandedApp app, HashSet<(string, string, string)> celReported)
    {
        if (!crd.Versions.TryGetValue(version, out var schema))
        {
            yield break; // A version the CRD does not serve is another failure (the kind is not found), not a schema one.
        }

        if (schema is null)
        {
            yield break;
        }

        var errors = new List<SchemaError>();
        var notes = new SchemaNotes();
        OpenApiValidator.Validate(obj.Body, schema, string.Empty, errors, topLevel: true, notes: notes);
        var qualified = obj.Group.Length == 0 ? obj.Kind : $"{obj.Kind}.{obj.Group}";
        foreach (var error in errors)
        {
            yield return AppFindings.Create(FindingIds.Schema001,
                $"{Describe(obj)} (app {app.Name}) breaks the schema of CRD {crd.Name} version {version}: {error.Message}. The API server refuses it: {qualified} \"{obj.Name}\" is invalid.",
                obj.LocationOf(Pointer(obj.Body, error.Path)),
                $"Change {error.Path} to match the CRD's openAPIV3Schema (kubectl explain {obj.Kind.ToLowerInvariant()}.{StripIndexes(error.Path)}).",
                app.Name);
        }

        foreach (var path in notes.Unknown)
        {
            yield return AppFindings.Create(FindingIds.Schema002,
                $"Field {path} of {Describe(obj)} (app {app.Name}) is not in the schema of CRD {crd.Name} version {version}; the API server prunes it, so the setting has no effect.",
                obj.LocationOf(Pointer(obj.Body, path)),
                $"Check the field name against the CRD (kubectl explain {obj.Kind.ToLowerInvariant()}), or remove it; a CRD field added in a newer version needs that CRD version installed.",
                app.Name);
        }

        if (notes.CelRules.Count > 0 && celReported.Add((crd.Name, version, app.Name)))
        {
            yield return AppFindings.Create(FindingIds.Schema002,
                $"CRD {crd.Name} version {version} has x-kubernetes-validations (CEL) rules at {string.Join(", ", notes.CelRules.Distinct().Select(p => p.Length == 0 ? "<root>" : p))}; they are not evaluated here, so {Describe(obj)} (app {app.Name}) is checked without them.",
                obj.Location,
                "Run a server-side dry run against a real API server to evaluate the CEL rules.",
                app.Name,
                severity: Severity.Info);
        }
    }

    private sealed record CrdInfo(string Name, Dictionary<string, JsonObject?> Versions);

    /// <summary>The CRDs a profile applies (apps' rendered resources and layer objects), keyed by group and kind.</summary>
    private static Dictionary<(string Group, string Kind), CrdInfo> CrdSchemas(ProfileAnalysis profile)
    {
        var result = new Dictionary<(string, string), CrdInfo>();
        var objects = profile.Expanded.Apps.SelectMany(a => a.Resources).Concat(profile.Expanded.Layers.SelectMany(l => l.Objects));
        foreach (var crd in objects.Where(o => o.Group == "apiextensions.k8s.io" && o.Kind == "CustomResourceDefinition"))
        {
            if (crd.Body["spec"] is not JsonObject spec || JsonRead.Str(spec["group"]) is not { } group || (spec["names"] as JsonObject)?["kind"] is not JsonValue kindValue
                || JsonRead.Str(kindValue) is not { } kind || result.ContainsKey((group, kind)))
            {
                continue;
            }

            var versions = new Dictionary<string, JsonObject?>(StringComparer.Ordinal);
            foreach (var v in (spec["versions"] as JsonArray)?.OfType<JsonObject>() ?? [])
            {
                // Only served versions are reachable (k8s.io/apiextensions-apiserver/pkg/apiserver/customresource_handler.go).
                var served = v["served"] is not JsonValue sv || !sv.TryGetValue<bool>(out var b) || b;
                if (served && JsonRead.Str(v["name"]) is { } n)
                {
                    versions[n] = (v["schema"] as JsonObject)?["openAPIV3Schema"] as JsonObject;
                }
            }

            result[(group, kind)] = new CrdInfo(crd.Name, versions);
        }

        return result;
    }

    /// <summary>
    /// The JSON pointer of an apiserver field path (<c>spec.targetPorts[0].number</c>) inside <paramref name="body"/>,
    /// matching object keys that contain dots (label keys) by trying the longest key first; as far as the body goes.
    /// </summary>
    internal static string Pointer(JsonObject body, string path)
    {
        var pointer = new System.Text.StringBuilder();
        JsonNode? node = body;
        var rest = path;
        while (rest.Length > 0 && node is not null)
        {
            if (rest[0] == '[' && node is JsonArray array && rest.IndexOf(']', StringComparison.Ordinal) is var close and > 0
                && int.TryParse(rest[1..close], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index) && index < array.Count)
            {
                pointer.Append('/').Append(index.ToString(System.Globalization.CultureInfo.InvariantCulture));
                node = array[index];
                rest = rest[(close + 1)..].TrimStart('.');
                continue;
            }

            if (node is not JsonObject obj)
            {
                break;
            }

            var key = obj.Select(p => p.Key)
                .Where(k => rest.StartsWith(k, StringComparison.Ordinal) && (rest.Length == k.Length || rest[k.Length] is '.' or '['))
                .OrderByDescending(k => k.Length).FirstOrDefault();
            if (key is null)
            {
                break;
            }

            pointer.Append('/').Append(key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal));
            node = obj[key];
            rest = rest[key.Length..].TrimStart('.');
        }

        return pointer.ToString();
    }

    private static string StripIndexes(string path) => System.Text.RegularExpressions.Regex.Replace(path, @"\[\d+\]", string.Empty, System.Text.RegularExpressions.RegexOptions.None, TimeSpan.FromSeconds(1));

    private static string Describe(ManifestObject obj) => $"{obj.Kind} {(obj.Namespace is null ? string.Empty : obj.Namespace + "/")}{obj.Name}";
}
