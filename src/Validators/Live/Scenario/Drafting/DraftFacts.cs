using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Live.Scenario.Drafting;

/// <summary>What the drafter reads from rendered objects: pod specs, GPU requests, model servers, readiness paths.</summary>
internal static class DraftFacts
{
    private static readonly string[] ModelServerImages = ["vllm", "llm-d-inference-sim", "text-generation-inference", "sglang", "ollama", "fake-llm"];

    public static JsonObject? PodSpec(JsonObject body) => (body["kind"]?.GetValue<string>()) switch
    {
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => body["spec"]?["template"]?["spec"] as JsonObject,
        "CronJob" => body["spec"]?["jobTemplate"]?["spec"]?["template"]?["spec"] as JsonObject,
        "Pod" => body["spec"] as JsonObject,
        _ => null,
    };

    public static IReadOnlyDictionary<string, string> PodLabels(JsonObject body) =>
        (body["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [])
            .Where(kv => kv.Value is JsonValue).ToDictionary(kv => kv.Key, kv => kv.Value!.ToString(), StringComparer.Ordinal);

    public static IEnumerable<JsonObject> Containers(JsonObject? pod) => (pod?["containers"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The GPU-like extended resources the pod requests or limits (name → count).</summary>
    public static IReadOnlyDictionary<string, string> GpuResources(JsonObject? pod)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var c in Containers(pod))
        {
            foreach (var section in new[] { "limits", "requests" })
            {
                foreach (var (name, value) in c["resources"]?[section] as JsonObject ?? [])
                {
                    if (name.Contains("gpu", StringComparison.OrdinalIgnoreCase) && value is JsonValue)
                    {
                        result.TryAdd(name, value.ToString());
                    }
                }
            }
        }

        return result;
    }

    public static bool WantsGpu(JsonObject? pod) =>
        GpuResources(pod).Count > 0 ||
        (pod?["nodeSelector"] as JsonObject ?? []).Any(kv => kv.Key.Contains("gpu", StringComparison.OrdinalIgnoreCase)) ||
        (pod?["tolerations"] as JsonArray ?? []).OfType<JsonObject>().Any(t => t["key"]?.ToString().Contains("gpu", StringComparison.OrdinalIgnoreCase) == true);

    public static bool IsModelServer(JsonObject container) =>
        container["image"]?.ToString() is { } image && ModelServerImages.Any(m => image.Contains(m, StringComparison.OrdinalIgnoreCase)) ||
        Args(container).Contains("--served-model-name");

    public static IReadOnlyList<string> Args(JsonObject container) =>
        (container["command"] as JsonArray ?? []).Concat(container["args"] as JsonArray ?? []).Where(a => a is JsonValue).Select(a => a!.ToString()).ToList();

    /// <summary>The model name a vLLM-style command line serves: <c>--served-model-name</c>, else <c>--model</c> or the word after <c>serve</c>.</summary>
    public static string? ServedModel(JsonObject container)
    {
        var args = Args(container);
        string? After(string flag)
        {
            for (var i = 0; i < args.Count; i++)
            {
                if (args[i] == flag && i + 1 < args.Count)
                {
                    return args[i + 1];
                }

                if (args[i].StartsWith(flag + "=", StringComparison.Ordinal))
                {
                    return args[i][(flag.Length + 1)..];
                }
            }

            return null;
        }

        return After("--served-model-name") ?? After("--model") ?? After("serve");
    }

    /// <summary>The image without its tag or digest, as a glob over every tag: <c>repo/name:*</c>.</summary>
    public static string ImageGlob(string image)
    {
        var at = image.IndexOf('@', StringComparison.Ordinal);
        var bare = at >= 0 ? image[..at] : image;
        var slash = bare.LastIndexOf('/');
        var colon = bare.LastIndexOf(':');
        return (colon > slash ? bare[..colon] : bare) + ":*";
    }

    public static string? Text(JsonNode? node) => node is JsonValue v ? v.ToString() : null;

    public static int? Int(JsonNode? node) => node is JsonValue v && int.TryParse(v.ToString(), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var i) ? i : null;

    public static string Where(ManifestObject o) => $"{o.Location.File}:{o.Location.Line}";
}
