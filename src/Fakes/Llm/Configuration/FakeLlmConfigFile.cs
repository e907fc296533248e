using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// Applies a config file (YAML or JSON, camelCase keys; see the README's fake-llm section) on top of options. Every
/// unknown key and bad value is reported with its file and line. <see cref="ApplyRuntime"/> applies the subset that may
/// change while the server runs (<c>latency</c> and <c>faults</c>), as <c>POST /admin/config</c> does.
/// </summary>
public static class FakeLlmConfigFile
{
    /// <summary>A mapping key as text; a key that is itself a mapping or list (<c>{{a: 1}: 2}</c>) is no valid name, and reads as one that names nothing.</summary>
    private static string KeyText(YamlNode key) => key is YamlScalarNode scalar ? scalar.Value ?? string.Empty : "(a " + key.NodeType.ToString().ToLowerInvariant() + " used as a key)";

    private static readonly string[] TopKeys =
    [
        "host", "port", "model", "servedModelNames", "apiKeys", "enableAdmin", "adminKeys", "maxNumSeqs", "maxModelLen", "maxWaitingRequests", "maxRequestBodyBytes",
        "startupDuration", "vllmVersion", "showHiddenMetrics", "accessLog", "generation", "latency", "kvCache", "lora", "faults",
    ];

    public static FakeLlmOptions Apply(FakeLlmOptions options, ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        var result = options;
        foreach (var (keyNode, value) in document.Root.Children)
        {
            var key = KeyText(keyNode);
            var r = new Reader(document, value, key, errors);
            result = key switch
            {
                "host" => r.String() is { } v ? result with { Host = v } : result,
                "port" => r.Int() is { } v ? result with { Port = v } : result,
                "model" => r.String() is { } v ? result with { Model = v } : result,
                "servedModelNames" => r.Strings() is { } v ? result with { ServedModelNames = v } : result,
                "apiKeys" => r.Strings() is { } v ? result with { ApiKeys = v } : result,
                "enableAdmin" => r.Bool() is { } v ? result with { EnableAdmin = v } : result,
                "adminKeys" => r.Strings() is { } v ? result with { AdminKeys = v } : result,
                "maxNumSeqs" => r.Int() is { } v ? result with { MaxNumSeqs = v } : result,
                "maxModelLen" => r.Int() is { } v ? result with { MaxModelLen = v } : result,
                "maxWaitingRequests" => r.Int() is { } v ? result with { MaxWaitingRequests = v } : result,
                "maxRequestBodyBytes" => r.Int() is { } v ? result with { MaxRequestBodyBytes = v } : result,
                "startupDuration" => r.Duration() is { } v ? result with { StartupDuration = v } : result,
                "vllmVersion" => r.String() is { } v ? result with { VllmVersion = v } : result,
                "showHiddenMetrics" => r.Bool() is { } v ? result with { ShowHiddenMetrics = v } : result,
                "accessLog" => r.Bool() is { } v ? result with { AccessLog = v } : result,
                "generation" => result with { Generation = Generation(result.Generation, r) },
                "latency" => result with { Latency = Latency(result.Latency, r) },
                "kvCache" => result with { KvCache = KvCache(result.KvCache, r) },
                "lora" => result with { Lora = Lora(result.Lora, r) },
                "faults" => result with { Faults = Faults(result.Faults, r) },
                _ => Unknown(result, r, TopKeys),
            };
        }

        if (errors.Count > 0)
        {
            throw new FakeLlmConfigException(errors);
        }

        return result;
    }

    /// <summary>Applies only <c>latency</c> and <c>faults</c>; any other key is an error.</summary>
    public static (LatencyOptions Latency, FaultOptions Faults) ApplyRuntime(LatencyOptions latency, FaultOptions faults, ConfigDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<string>();
        foreach (var (keyNode, value) in document.Root.Children)
        {
            var key = KeyText(keyNode);
            var r = new Reader(document, value, key, errors);
            switch (key)
            {
                case "latency":
                    latency = Latency(latency, r);
                    break;
                case "faults":
                    faults = Faults(faults, r);
                    break;
                default:
                    errors.Add($"{document.Where(keyNode)}: '{key}' cannot change while the server runs; only 'latency' and 'faults' can.");
                    break;
            }
        }

        errors.AddRange(latency.Validate().Concat(faults.Validate()).Select(e => $"{document.Source}: {e}"));
        if (errors.Count > 0)
        {
            throw new FakeLlmConfigException(errors);
        }

        return (latency, faults);
    }

    private static FakeLlmOptions Unknown(FakeLlmOptions options, Reader r, string[] known)
    {
        r.Fail($"unknown key '{r.Path}'; known keys: {string.Join(", ", known)}.");
        return options;
    }

    private static GenerationOptions Generation(GenerationOptions g, Reader section)
    {
        foreach (var r in section.Children())
        {
            g = r.Key switch
            {
                "mode" => r.String() switch
                {
                    null => g,
                    "random" => g with { Mode = GenerationMode.Random },
                    "echo" => g with { Mode = GenerationMode.Echo },
                    var other => Fail(g, r, $"generation.mode must be 'random' or 'echo', got '{other}'."),
                },
                "seed" => r.Int() is { } v ? g with { Seed = v } : g,
                "minResponseTokens" => r.Int() is { } v ? g with { MinResponseTokens = v } : g,
                "maxResponseTokens" => r.Int() is { } v ? g with { MaxResponseTokens = v } : g,
                _ => Fail(g, r, $"unknown key '{r.Path}'; known: mode, seed, minResponseTokens, maxResponseTokens."),
            };
        }

        return g;
    }

    private static LatencyOptions Latency(LatencyOptions l, Reader section)
    {
        // A profile first, so explicit figures in the same section override it.
        foreach (var r in section.Children().Where(c => c.Key == "profile"))
        {
            if (r.String() is { } name)
            {
                if (LatencyProfiles.TryGet(name, out var profile))
                {
                    l = profile;
                }
                else
                {
                    r.Fail($"unknown latency profile '{name}'; known: {string.Join(", ", LatencyProfiles.Names)}.");
                }
            }
        }

        foreach (var r in section.Children().Where(c => c.Key != "profile"))
        {
            l = r.Key switch
            {
                "timeToFirstToken" => r.Duration() is { } v ? l with { TimeToFirstToken = v } : l,
                "timeToFirstTokenStdDev" => r.Duration() is { } v ? l with { TimeToFirstTokenStdDev = v } : l,
                "interTokenLatency" => r.Duration() is { } v ? l with { InterTokenLatency = v } : l,
                "interTokenLatencyStdDev" => r.Duration() is { } v ? l with { InterTokenLatencyStdDev = v } : l,
                "prefillPerToken" => r.Duration() is { } v ? l with { PrefillPerToken = v } : l,
                "loadFactor" => r.Double() is { } v ? l with { LoadFactor = v } : l,
                _ => Fail(l, r, $"unknown key '{r.Path}'; known: profile, timeToFirstToken, timeToFirstTokenStdDev, interTokenLatency, interTokenLatencyStdDev, prefillPerToken, loadFactor."),
            };
        }

        return l;
    }

    private static KvCacheOptions KvCache(KvCacheOptions k, Reader section)
    {
        foreach (var r in section.Children())
        {
            k = r.Key switch
            {
                "blockSize" => r.Int() is { } v ? k with { BlockSize = v } : k,
                "numGpuBlocks" => r.Int() is { } v ? k with { NumGpuBlocks = v } : k,
                "gpuMemoryUtilization" => r.Double() is { } v ? k with { GpuMemoryUtilization = v } : k,
                "enablePrefixCaching" => r.Bool() is { } v ? k with { EnablePrefixCaching = v } : k,
                "cacheDtype" => r.String() is { } v ? k with { CacheDtype = v } : k,
                _ => Fail(k, r, $"unknown key '{r.Path}'; known: blockSize, numGpuBlocks, gpuMemoryUtilization, enablePrefixCaching, cacheDtype."),
            };
        }

        return k;
    }

    private static LoraOptions Lora(LoraOptions l, Reader section)
    {
        foreach (var r in section.Children())
        {
            l = r.Key switch
            {
                "enabled" => r.Bool() is { } v ? l with { Enabled = v } : l,
                "maxLoras" => r.Int() is { } v ? l with { MaxLoras = v } : l,
                "maxLoraRank" => r.Int() is { } v ? l with { MaxLoraRank = v } : l,
                "maxCpuLoras" => r.Int() is { } v ? l with { MaxCpuLoras = v } : l,
                "root" => r.String() is { } v ? l with { Root = v } : l,
                "allowRuntimeUpdating" => r.Bool() is { } v ? l with { AllowRuntimeUpdating = v } : l,
                "modules" => l with { Modules = Modules(r) },
                _ => Fail(l, r, $"unknown key '{r.Path}'; known: enabled, maxLoras, maxLoraRank, maxCpuLoras, root, allowRuntimeUpdating, modules."),
            };
        }

        return l;
    }

    private static List<LoraModule> Modules(Reader r)
    {
        var modules = new List<LoraModule>();
        foreach (var item in r.Items())
        {
            string? name = null, path = null, parent = null;
            foreach (var field in item.Children())
            {
                switch (field.Key)
                {
                    case "name": name = field.String(); break;
                    case "path": path = field.String(); break;
                    case "baseModelName": parent = field.String(); break;
                    default: field.Fail($"unknown key '{field.Path}'; known: name, path, baseModelName."); break;
                }
            }

            modules.Add(new LoraModule(name ?? string.Empty, path ?? string.Empty, parent));
        }

        return modules;
    }

    private static FaultOptions Faults(FaultOptions f, Reader section)
    {
        foreach (var r in section.Children())
        {
            f = r.Key switch
            {
                "errorRate" => r.Double() is { } v ? f with { ErrorRate = v } : f,
                "errorStatus" => r.Int() is { } v ? f with { ErrorStatus = v } : f,
                "addedLatency" => r.Duration() is { } v ? f with { AddedLatency = v } : f,
                "stallRate" => r.Double() is { } v ? f with { StallRate = v } : f,
                "stallAfterTokens" => r.Int() is { } v ? f with { StallAfterTokens = v } : f,
                "stallDuration" => r.Duration() is { } v ? f with { StallDuration = v } : f,
                "dropRate" => r.Double() is { } v ? f with { DropRate = v } : f,
                "dropAfterTokens" => r.Int() is { } v ? f with { DropAfterTokens = v } : f,
                "unhealthy" => r.Bool() is { } v ? f with { Unhealthy = v } : f,
                "seed" => r.Int() is { } v ? f with { Seed = v } : f,
                _ => Fail(f, r, $"unknown key '{r.Path}'; known: errorRate, errorStatus, addedLatency, stallRate, stallAfterTokens, stallDuration, dropRate, dropAfterTokens, unhealthy, seed."),
            };
        }

        return f;
    }

    private static T Fail<T>(T value, Reader r, string message)
    {
        r.Fail(message);
        return value;
    }

    /// <summary>Reads one value, reporting problems with file and line.</summary>
    private sealed class Reader(ConfigDocument document, YamlNode node, string path, List<string> errors)
    {
        public string Path { get; } = path;

        public string Key => Path[(Path.LastIndexOf('.') + 1)..];

        public void Fail(string message) => errors.Add($"{document.Where(node)}: {message}");

        public string? String()
        {
            if (node is YamlScalarNode { Value: { } v })
            {
                return v;
            }

            Fail($"'{Path}' must be a single value.");
            return null;
        }

        public int? Int() => Scalar(ConfigValues.TryInt, "a whole number", out int v) ? v : null;

        public double? Double() => Scalar(ConfigValues.TryDouble, "a number", out double v) ? v : null;

        public bool? Bool() => Scalar(ConfigValues.TryBool, "true or false", out bool v) ? v : null;

        public TimeSpan? Duration() => Scalar(ConfigValues.TryDuration, "a duration such as 250ms or 1.5s", out TimeSpan v) ? v : null;

        public IReadOnlyList<string>? Strings()
        {
            if (node is YamlScalarNode { Value: { } single })
            {
                return [single];
            }

            if (node is YamlSequenceNode sequence)
            {
                var list = new List<string>();
                foreach (var item in sequence)
                {
                    if (item is YamlScalarNode { Value: { } v })
                    {
                        list.Add(v);
                    }
                    else
                    {
                        errors.Add($"{document.Where(item)}: every entry of '{Path}' must be a single value.");
                    }
                }

                return list;
            }

            Fail($"'{Path}' must be a list of values.");
            return null;
        }

        public IEnumerable<Reader> Children()
        {
            if (node is not YamlMappingNode mapping)
            {
                Fail($"'{Path}' must be a mapping of keys to values.");
                yield break;
            }

            foreach (var (key, value) in mapping.Children)
            {
                yield return new Reader(document, value, Path + "." + KeyText(key), errors);
            }
        }

        public IEnumerable<Reader> Items()
        {
            if (node is not YamlSequenceNode sequence)
            {
                Fail($"'{Path}' must be a list.");
                yield break;
            }

            var i = 0;
            foreach (var item in sequence)
            {
                yield return new Reader(document, item, $"{Path}[{i++}]", errors);
            }
        }

        private delegate bool TryParse<T>(string text, out T value);

        private bool Scalar<T>(TryParse<T> parse, string what, out T value)
        {
            value = default!;
            if (node is YamlScalarNode { Value: { } text } && parse(text, out value))
            {
                return true;
            }

            Fail($"'{Path}' must be {what}, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
            return false;
        }
    }
}
