using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Expansion.Generators;

/// <summary>
/// Produces the parameter sets of one ApplicationSet's generators, following applicationset/generators
/// (generator_spec_processor.go Transform, list.go, git.go, matrix.go, merge.go, cluster.go) [ARGOCD-SEMANTICS §7.1].
/// </summary>
internal sealed class GeneratorEvaluator
{
    private readonly ApplicationSet set;
    private readonly TemplateEngine engine;
    private readonly GitGeneratorEvaluator git;
    private readonly ApplicationSetExpanderOptions options;
    private readonly CancellationToken cancellationToken;
    private int produced;

    public GeneratorEvaluator(ApplicationSet set, IRepoResolver resolver, ApplicationSetExpanderOptions options, CancellationToken cancellationToken)
    {
        this.set = set;
        this.options = options;
        this.cancellationToken = cancellationToken;
        engine = new TemplateEngine(set.GoTemplate, set.MissingKeyIsError);
        git = new GitGeneratorEvaluator(set, resolver, engine, options.Loader);
    }

    public TemplateEngine Engine => engine;

    /// <summary>Transform(): the generator's parameter sets (interpolated with <paramref name="parentParams"/> for a matrix's second child), selector applied.</summary>
    public IReadOnlyList<JsonObject> Transform(GeneratorSpec spec, JsonObject? parentParams)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var effective = parentParams is { Count: > 0 } ? Interpolate(spec, parentParams) : spec;
        var sets = Generate(effective);
        if (spec.Selector is { } selector)
        {
            sets = sets.Where(p => selector.Matches(ParamSets.Flatten(p))).ToList();
        }

        produced += sets.Count;
        if (produced > options.MaxParameterSets)
        {
            throw new GeneratorException($"the generators produce more than {options.MaxParameterSets:N0} parameter sets (ApplicationSetExpanderOptions.MaxParameterSets)", spec.Pointer);
        }

        return sets;
    }

    private List<JsonObject> Generate(GeneratorSpec spec) => spec switch
    {
        ListGeneratorSpec list => List(list),
        GitGeneratorSpec g => git.Generate(g),
        MatrixGeneratorSpec m => Matrix(m),
        MergeGeneratorSpec m => Merge(m),
        ClustersGeneratorSpec c => Clusters(c),
        UnsupportedGeneratorSpec u => throw new GeneratorException(
            $"the {u.Name} generator needs services outside the repository (SCM, pull requests, plugins, cluster decisions) and cannot be evaluated here",
            u.Pointer,
            notAvailableHere: true),
        _ => throw new GeneratorException($"unknown generator {spec.Kind}", spec.Pointer),
    };

    /// <summary>list.go: goTemplate keeps elements as they are; fasttemplate requires string values (values.* flattened one level).</summary>
    private List<JsonObject> List(ListGeneratorSpec spec)
    {
        var result = new List<JsonObject>();
        foreach (var element in spec.Elements)
        {
            if (set.GoTemplate)
            {
                result.Add((JsonObject)element.DeepClone());
                continue;
            }

            var p = new JsonObject();
            foreach (var (key, value) in element)
            {
                if (key == "values")
                {
                    if (value is not JsonObject values)
                    {
                        throw new GeneratorException("error parsing values map", spec.Pointer);
                    }

                    foreach (var (vk, vv) in values)
                    {
                        p["values." + vk] = AsString(vv, spec.Pointer);
                    }
                }
                else
                {
                    p[key] = AsString(value, spec.Pointer);
                }
            }

            result.Add(p);
        }

        if (spec.ElementsYaml is not null)
        {
            var (documents, findings) = YamlDocumentReader.Read(spec.ElementsYaml, "elementsYaml", options.Loader);
            if (findings.Count > 0)
            {
                throw new GeneratorException($"error unmarshling decoded ElementsYaml: {findings[0].Message}", spec.Pointer);
            }

            var root = documents.Count > 0 ? documents[0].Root : null;
            if (root is not (null or JsonArray))
            {
                throw new GeneratorException("error unmarshling decoded ElementsYaml: elementsYaml must be a YAML list of mappings", spec.Pointer);
            }

            foreach (var item in (root as JsonArray) ?? [])
            {
                result.Add(item as JsonObject ?? throw new GeneratorException("error unmarshling decoded ElementsYaml: every element must be a mapping", spec.Pointer));
            }
        }

        return result;
    }

    private static string AsString(JsonNode? value, string pointer) =>
        value is JsonValue v && v.GetValueKind() == JsonValueKind.String
            ? v.GetValue<string>()
            : throw new GeneratorException($"error parsing value as string: list elements need string values when goTemplate is off (got {value?.ToJsonString() ?? "null"})", pointer);

    /// <summary>matrix.go: cartesian product; the second child sees the first's parameters.</summary>
    private List<JsonObject> Matrix(MatrixGeneratorSpec spec)
    {
        if (spec.Generators.Count != 2)
        {
            throw new GeneratorException($"a matrix generator needs exactly two child generators, not {spec.Generators.Count}", spec.Pointer);
        }

        var result = new List<JsonObject>();
        foreach (var a in Transform(spec.Generators[0], null))
        {
            foreach (var b in Transform(spec.Generators[1], a))
            {
                if (set.GoTemplate)
                {
                    // mergo: b first, then a with override — the first child wins on conflicts.
                    var tmp = new JsonObject();
                    ParamSets.MergeOverride(tmp, b);
                    ParamSets.MergeOverride(tmp, a);
                    result.Add(tmp);
                }
                else
                {
                    result.Add(ParamSets.CombineStrings(a, b, spec.Pointer));
                }
            }
        }

        return result;
    }

    /// <summary>merge.go: base = first child; later children override base sets that share all merge keys.</summary>
    private List<JsonObject> Merge(MergeGeneratorSpec spec)
    {
        if (spec.Generators.Count < 2)
        {
            throw new GeneratorException("a merge generator needs at least two child generators", spec.Pointer);
        }

        if (spec.MergeKeys.Count == 0)
        {
            throw new GeneratorException("a merge generator needs mergeKeys", spec.Pointer);
        }

        var all = spec.Generators.Select(g => Transform(g, null)).ToList();
        var keys = spec.MergeKeys.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        var baseSets = Index(all[0], keys, spec.Pointer);
        foreach (var later in all.Skip(1))
        {
            var indexed = Index(later, keys, spec.Pointer).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
            foreach (var (key, baseSet) in baseSets)
            {
                if (indexed.TryGetValue(key, out var over))
                {
                    if (set.GoTemplate)
                    {
                        ParamSets.MergeOverride(baseSet, over);
                    }
                    else
                    {
                        foreach (var (k, v) in over)
                        {
                            baseSet[k] = v?.DeepClone();
                        }
                    }
                }
            }
        }

        return baseSets.Select(p => p.Value).ToList();
    }

    private static List<KeyValuePair<string, JsonObject>> Index(IReadOnlyList<JsonObject> sets, IReadOnlyList<string> keys, string pointer)
    {
        var list = new List<KeyValuePair<string, JsonObject>>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var p in sets)
        {
            var key = new JsonObject(keys.Select(k => KeyValuePair.Create(k, p[k]?.DeepClone()))).ToJsonString();
            if (!seen.Add(key))
            {
                throw new GeneratorException($"the parameters from a generator were not unique by the given mergeKeys, Merge requires all param sets to be unique. Duplicate key was {key}", pointer);
            }

            list.Add(KeyValuePair.Create(key, (JsonObject)p.DeepClone()));
        }

        return list;
    }

    /// <summary>
    /// cluster.go GenerateParams: every cluster Secret whose labels match <c>clusters.selector</c> (plus the
    /// secret-type label), one parameter set each — name, nameNormalized, server, project and the Secret's labels and
    /// annotations (goTemplate: under metadata, only when present; fasttemplate: flattened to metadata.labels.KEY) —
    /// then the in-cluster entry, unless the selector is non-empty or a Secret already names the in-cluster server.
    /// Clusters by name as Argo CD keys them (the last of a name wins), in name order for a stable result.
    /// <c>flatList</c> folds them into one set under <c>clusters</c> [ARGOCD-SEMANTICS §7.1].
    /// </summary>
    private List<JsonObject> Clusters(ClustersGeneratorSpec spec)
    {
        var ignoreLocal = spec.ClusterSelector is { } s && (s.MatchLabels.Count > 0 || s.MatchExpressions.Count > 0);
        var byName = new SortedDictionary<string, ArgoCluster>(StringComparer.Ordinal);
        foreach (var cluster in options.ClusterSecrets())
        {
            if (cluster.Labels.TryGetValue(ArgoCluster.SecretTypeLabel, out var type) && type == ArgoCluster.SecretTypeCluster &&
                (spec.ClusterSelector?.Matches(cluster.Labels) ?? true))
            {
                byName[cluster.Name] = cluster;
            }
        }

        var sets = new List<JsonObject>();
        foreach (var cluster in byName.Values)
        {
            var p = new JsonObject
            {
                ["name"] = cluster.Name,
                ["nameNormalized"] = Templating.ArgoNames.Sanitize(cluster.Name),
                ["server"] = cluster.Server,
                ["project"] = cluster.Project,
            };
            if (set.GoTemplate)
            {
                var meta = new JsonObject();
                if (cluster.Annotations.Count > 0)
                {
                    meta["annotations"] = StringObject(cluster.Annotations);
                }

                if (cluster.Labels.Count > 0)
                {
                    meta["labels"] = StringObject(cluster.Labels);
                }

                p["metadata"] = meta;
            }
            else
            {
                foreach (var (key, value) in cluster.Annotations)
                {
                    p["metadata.annotations." + key] = value;
                }

                foreach (var (key, value) in cluster.Labels)
                {
                    p["metadata.labels." + key] = value;
                }
            }

            AppendValues(p, spec.Values, engine);
            sets.Add(p);
        }

        // SecretsContainInClusterCredentials: a Secret for https://kubernetes.default.svc replaces the local entry.
        if (!ignoreLocal && byName.Values.All(c => c.Server != ApplicationDestination.InClusterServer))
        {
            var local = new JsonObject
            {
                ["name"] = ApplicationDestination.InClusterName,
                ["nameNormalized"] = ApplicationDestination.InClusterName,
                ["server"] = ApplicationDestination.InClusterServer,
                ["project"] = string.Empty,
            };
            AppendValues(local, spec.Values, engine);
            sets.Add(local);
        }

        return spec.FlatList ? [new JsonObject { ["clusters"] = new JsonArray([.. sets]) }] : sets;
    }

    private static JsonObject StringObject(IReadOnlyDictionary<string, string> map)
    {
        var o = new JsonObject();
        foreach (var (key, value) in map.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            o[key] = value;
        }

        return o;
    }

    /// <summary>appendTemplatedValues: each value is templated with the set so far, under values (goTemplate) or values.k.</summary>
    internal static void AppendValues(JsonObject p, IReadOnlyDictionary<string, string> values, TemplateEngine engine)
    {
        if (values.Count == 0)
        {
            return;
        }

        if (engine.GoTemplate)
        {
            var v = new JsonObject();
            foreach (var (k, t) in values)
            {
                v[k] = engine.Replace(t, p);
            }

            p["values"] = v;
        }
        else
        {
            var rendered = values.Select(kv => (kv.Key, Value: engine.Replace(kv.Value, p))).ToList();
            foreach (var (k, value) in rendered)
            {
                p["values." + k] = value;
            }
        }
    }

    /// <summary>
    /// InterpolateGenerator: render the child generator's own strings with the first child's parameters (values maps
    /// pre-resolved with missingkey=error, keeping the raw string on missing keys), then parse it again.
    /// </summary>
    private GeneratorSpec Interpolate(GeneratorSpec spec, JsonObject parameters)
    {
        var raw = JsonPointer.Resolve(set.Raw, ParentPointer(spec.Pointer)) as JsonObject
            ?? throw new GeneratorException("the generator to interpolate was not found in the manifest", spec.Pointer);
        JsonNode rendered;
        try
        {
            rendered = RenderGenerator(raw, parameters)!;
        }
        catch (Exception ex) when (ex is Templating.GoTemplateException or FormatException)
        {
            throw new GeneratorException($"failed to replace parameters in generator: {ex.Message}", spec.Pointer);
        }

        var wrapper = new JsonObject { ["generators"] = new JsonArray(rendered) };
        var reader = new SpecReader(new ManifestObject(wrapper, set.Manifest.Location), $"ApplicationSet '{set.Name}'", string.Empty);
        var parsed = GeneratorParser.ParseList(reader, wrapper, string.Empty, "generators", nesting: 1);
        if (reader.HasErrors || parsed.Count != 1)
        {
            throw new GeneratorException($"the interpolated generator is invalid: {string.Join("; ", reader.Findings.Select(f => f.Message))}", spec.Pointer);
        }

        return RepointTo(parsed[0], spec.Pointer);
    }

    private JsonNode? RenderGenerator(JsonObject raw, JsonObject parameters)
    {
        var result = new JsonObject();
        foreach (var (key, value) in raw)
        {
            if (value is JsonObject body)
            {
                var copy = new JsonObject();
                foreach (var (k, v) in body)
                {
                    if (k == "values" && v is JsonObject values)
                    {
                        var resolved = new JsonObject();
                        foreach (var (vk, vv) in values)
                        {
                            resolved[vk] = vv is JsonValue sv && sv.TryGetValue<string>(out var s) ? ResolveKeepingMissing(s, parameters) : vv?.DeepClone();
                        }

                        copy[k] = resolved;
                    }
                    else
                    {
                        copy[engine.Replace(k, parameters)] = engine.RenderTree(v, parameters);
                    }
                }

                result[key] = copy;
            }
            else
            {
                result[key] = engine.RenderTree(value, parameters);
            }
        }

        return result;
    }

    private string ResolveKeepingMissing(string s, JsonObject parameters)
    {
        try
        {
            return engine.Replace(s, parameters, missingKeyIsError: engine.GoTemplate);
        }
        catch (Templating.GoTemplateException ex) when (ex.Message.Contains("map has no entry for key", StringComparison.Ordinal) || ex.Message.Contains("no entry for key", StringComparison.Ordinal))
        {
            return s;
        }
    }

    /// <summary>The pointer of the generator entry (…/generators/N) that holds a generator body pointer (…/generators/N/kind).</summary>
    private static string ParentPointer(string pointer) => pointer[..pointer.LastIndexOf('/')];

    private static GeneratorSpec RepointTo(GeneratorSpec spec, string pointer) => spec switch
    {
        ListGeneratorSpec l => l with { Pointer = pointer },
        GitGeneratorSpec g => g with { Pointer = pointer },
        MatrixGeneratorSpec m => m with { Pointer = pointer },
        MergeGeneratorSpec m => m with { Pointer = pointer },
        ClustersGeneratorSpec c => c with { Pointer = pointer },
        UnsupportedGeneratorSpec u => u with { Pointer = pointer },
        _ => spec,
    };
}
