using System.Globalization;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>The live-run sections: smoke request, probes, substrate overrides and timeouts.</summary>
internal sealed partial class ScenarioReader
{
    private static readonly string[] TaintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"];
    private static readonly string[] ProbeMethods = ["GET", "HEAD", "POST"];

    private SmokeRequest? ReadSmoke(YamlMap root, IReadOnlyList<ScenarioProfile> profiles)
    {
        var map = root.Map("smoke");
        if (map is null)
        {
            return null;
        }

        var listed = map.StringList("profiles");
        foreach (var (p, node) in listed)
        {
            if (profiles.All(x => x.Name != p))
            {
                yaml.Error(node, $"smoke.profiles names profile '{p}', which 'profiles' does not define.");
            }
        }

        var service = ReadService(map, "service");
        var path = map.String("path") ?? SmokeRequest.DefaultPath;
        var model = map.String("model", required: true, hint: "the served model name sent in the request body");
        var prompt = map.String("prompt") ?? SmokeRequest.DefaultPrompt;
        var expect = map.Int("expectStatus", 100, 599) ?? 200;
        ApiKeySource? apiKey = null;
        var keyMap = map.Map("apiKey");
        if (keyMap is not null)
        {
            SecretKeyRef? secret = null;
            var secretMap = keyMap.Map("secretRef");
            if (secretMap is not null)
            {
                var ns = secretMap.String("namespace") ?? service?.Namespace;
                var name = secretMap.String("name", required: true);
                var key = secretMap.String("key", required: true);
                secretMap.Done();
                if (ns is not null && name is not null && key is not null)
                {
                    secret = new SecretKeyRef(ns, name, key);
                }
            }

            var env = keyMap.String("env");
            if (keyMap.Get("value") is not null)
            {
                yaml.Error(keyMap.LocationOf("value"), "smoke.apiKey must not hold the key itself; reference it with secretRef {namespace, name, key} or env: VARIABLE_NAME.");
            }

            keyMap.Done();
            if ((secret is null) == (env is null))
            {
                yaml.Error(keyMap.Location, "smoke.apiKey needs exactly one of secretRef {namespace, name, key} or env: VARIABLE_NAME.");
            }

            apiKey = new ApiKeySource(secret, env);
        }

        map.Done();
        if (service is null || model is null)
        {
            return null;
        }

        if (!path.StartsWith('/'))
        {
            yaml.Error(map.LocationOf("path"), $"smoke.path '{path}' must start with '/'.");
        }

        var applies = listed.Count > 0 ? listed.Select(l => l.Value).ToList() : profiles.Select(p => p.Name).ToList();
        return new SmokeRequest(applies, service, path, model, prompt, expect, apiKey, map.Location);
    }

    private IReadOnlyDictionary<string, IReadOnlyList<ProbeCheck>> ReadProbes(YamlMap root, IReadOnlyList<ScenarioProfile> profiles)
    {
        var result = new Dictionary<string, IReadOnlyList<ProbeCheck>>(StringComparer.Ordinal);
        var map = root.Map("probes");
        if (map is null)
        {
            return result;
        }

        foreach (var (profile, keyNode, value) in map.Entries)
        {
            map.Get(profile);
            if (profiles.All(p => p.Name != profile))
            {
                yaml.Error(keyNode, $"probes are given for profile '{profile}', which 'profiles' does not define.");
            }

            var checks = new List<ProbeCheck>();
            foreach (var item in yaml.AsSequence(value, $"probes.{profile}"))
            {
                var probe = yaml.AsMap(item, $"a probe of profile '{profile}'");
                if (probe is null)
                {
                    continue;
                }

                var name = probe.String("name", required: true);
                var service = ReadService(probe, "service");
                var path = probe.String("path") ?? "/";
                var method = (probe.String("method") ?? "GET").ToUpperInvariant();
                var expect = probe.Int("expectStatus", 100, 599) ?? 200;
                var inherit = probe.Bool("inherit") ?? true;
                probe.Done();
                if (!ProbeMethods.Contains(method))
                {
                    yaml.Error(probe.LocationOf("method"), $"probe method '{method}' is not supported; use one of {string.Join(", ", ProbeMethods)}.");
                }

                if (!path.StartsWith('/'))
                {
                    yaml.Error(probe.LocationOf("path"), $"probe path '{path}' must start with '/'.");
                }

                if (name is not null && checks.Any(c => c.Name == name))
                {
                    yaml.Error(probe.LocationOf("name"), $"probe '{name}' appears twice in profile '{profile}'; give each probe its own name.");
                }
                else if (name is not null && service is not null)
                {
                    checks.Add(new ProbeCheck(name, service, path, method, expect, probe.Location) { Inherit = inherit });
                }
            }

            result[profile] = checks;
        }

        return result;
    }

    private ServiceRef? ReadService(YamlMap parent, string key)
    {
        var map = parent.Map(key, required: true);
        if (map is null)
        {
            return null;
        }

        var ns = map.String("namespace", required: true);
        var name = map.String("name", required: true);
        var port = map.String("port", required: true, hint: "a port number or name of the Service");
        map.Done();
        return ns is null || name is null || port is null ? null : new ServiceRef(ns, name, port);
    }

    private SubstrateOverrides ReadSubstrate(YamlMap root)
    {
        var map = root.Map("substrate");
        if (map is null)
        {
            return SubstrateOverrides.None;
        }

        var images = new List<ImageOverride>();
        foreach (var item in map.Sequence("images"))
        {
            var entry = yaml.AsMap(item, "an image override");
            if (entry is null)
            {
                continue;
            }

            var match = entry.String("match", required: true, hint: "an image glob such as vllm/vllm-openai:*");
            var replace = entry.String("replaceWith", required: true, hint: "the stand-in image, e.g. fake-llm");
            entry.Done();
            if (match is not null && replace is not null)
            {
                images.Add(new ImageOverride(match, replace, entry.Location));
            }
        }

        var nodes = new List<StandInNode>();
        foreach (var item in map.Sequence("nodes"))
        {
            var entry = yaml.AsMap(item, "a stand-in node");
            if (entry is null)
            {
                continue;
            }

            var name = entry.String("name", required: true);
            var labels = entry.StringMap("labels");
            var capacity = entry.StringMap("capacity");
            var taints = new List<NodeTaint>();
            foreach (var t in entry.Sequence("taints"))
            {
                var taint = yaml.AsMap(t, "a taint");
                if (taint is null)
                {
                    continue;
                }

                var key = taint.String("key", required: true);
                var value = taint.String("value");
                var effect = taint.String("effect") ?? "NoSchedule";
                taint.Done();
                if (!TaintEffects.Contains(effect))
                {
                    yaml.Error(taint.LocationOf("effect"), $"taint effect '{effect}' must be one of {string.Join(", ", TaintEffects)}.");
                }
                else if (key is not null)
                {
                    taints.Add(new NodeTaint(key, value, effect));
                }
            }

            foreach (var (resource, quantity) in capacity)
            {
                if (!Quantity().IsMatch(quantity))
                {
                    yaml.Error(entry.LocationOf("capacity"), $"capacity of '{resource}' is '{quantity}', not a Kubernetes quantity (e.g. 1, 500m, 32Gi).");
                }
            }

            entry.Done();
            if (name is not null)
            {
                nodes.Add(new StandInNode(name, labels, taints, capacity, entry.Location));
            }
        }

        var customizations = ReadArgoCdSubstrate(map);
        map.Done();
        return new SubstrateOverrides(images, nodes, customizations);
    }

    /// <summary><c>substrate.argocd.customizations</c>: an argo-cd checkout or its resource_customizations folder, relative to the scenario file.</summary>
    private string? ReadArgoCdSubstrate(YamlMap substrate)
    {
        var argocd = substrate.Map("argocd");
        if (argocd is null)
        {
            return null;
        }

        var path = argocd.String("customizations", hint: "an argo-cd checkout or its resource_customizations folder, relative to the scenario file");
        argocd.Done();
        if (path is null)
        {
            return null;
        }

        var directory = Path.GetFullPath(Path.Combine(baseDirectory, path));
        if (!Directory.Exists(directory))
        {
            yaml.Error(argocd.LocationOf("customizations"), $"substrate.argocd.customizations '{path}' resolves to {directory}, which is not a directory; set it to an argo-cd checkout or its resource_customizations folder, relative to the scenario file.");
            return null;
        }

        return directory;
    }

    private ScenarioTimeouts ReadTimeouts(YamlMap root)
    {
        var values = new Dictionary<string, TimeSpan>(ScenarioTimeouts.Defaults, StringComparer.Ordinal);
        var map = root.Map("timeouts");
        if (map is null)
        {
            return new ScenarioTimeouts(values);
        }

        foreach (var (name, keyNode, value) in map.Entries)
        {
            map.Get(name);
            if (!ScenarioTimeouts.Defaults.ContainsKey(name))
            {
                yaml.Error(keyNode, $"unknown timeout '{name}'; known timeouts: {string.Join(", ", ScenarioTimeouts.Defaults.Keys)}.");
                continue;
            }

            var text = yaml.AsString(value, $"timeouts.{name}");
            if (text is null)
            {
                continue;
            }

            var duration = ParseDuration(text);
            if (duration is null || duration <= TimeSpan.Zero)
            {
                yaml.Error(value, $"timeouts.{name} is '{text}', not a positive duration; write e.g. 30s, 5m, 1h30m (or whole seconds).");
                continue;
            }

            values[name] = duration.Value;
        }

        return new ScenarioTimeouts(values);
    }

    /// <summary>Go-style durations (<c>1h30m</c>, <c>90s</c>, <c>500ms</c>) or whole seconds.</summary>
    internal static TimeSpan? ParseDuration(string text)
    {
        text = text.Trim();
        if (long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return seconds <= 864_000 ? TimeSpan.FromSeconds(seconds) : null;
        }

        var match = Duration().Match(text);
        if (!match.Success || match.Length == 0)
        {
            return null;
        }

        var total = TimeSpan.Zero;
        foreach (Capture c in match.Groups["part"].Captures)
        {
            var part = Part().Match(c.Value);
            var n = double.Parse(part.Groups[1].Value, CultureInfo.InvariantCulture);
            total += part.Groups[2].Value switch
            {
                "ms" => TimeSpan.FromMilliseconds(n),
                "s" => TimeSpan.FromSeconds(n),
                "m" => TimeSpan.FromMinutes(n),
                _ => TimeSpan.FromHours(n),
            };
        }

        return total <= TimeSpan.FromDays(10) ? total : null;
    }

    [GeneratedRegex(@"^(?<part>\d+(?:\.\d+)?(?:ms|s|m|h))+$")]
    private static partial Regex Duration();

    [GeneratedRegex(@"^(\d+(?:\.\d+)?)(ms|s|m|h)$")]
    private static partial Regex Part();

    [GeneratedRegex(@"^[0-9]+(\.[0-9]+)?(m|k|M|G|T|P|E|Ki|Mi|Gi|Ti|Pi|Ei)?$")]
    private static partial Regex Quantity();
}
