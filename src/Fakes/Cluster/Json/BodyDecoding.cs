using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fakes.Cluster.Json;

/// <summary>
/// Decodes request bodies (objects, patches, delete options) from JSON or YAML with bounded depth and size. YAML goes
/// through the shared reader of <c>validate</c>'s loader (<see cref="YamlToJson"/>): iterative, linear in the input,
/// go-yaml v2 scalars as sigs.k8s.io/yaml resolves them.
/// </summary>
public static class BodyDecoding
{
    /// <summary>
    /// Deepest nesting accepted. kube-apiserver's decoders stop at 10,000 levels (Go encoding/json's
    /// maxNestingDepth, go-yaml's max_flow_level/max_indents); the simulated server stops at 512 — far above any real
    /// object, CRD schemas included — so that none of its recursive algorithms (merge, prune, managed fields,
    /// serialisation) can run out of stack.
    /// </summary>
    public const int MaxDepth = 512;

    /// <summary>Most YAML nodes after alias expansion (an alias bomb is refused before it is built).</summary>
    public const int MaxYamlNodes = 1_000_000;

    /// <summary>Largest request body: kube-apiserver's MaxRequestBodyBytes default (k8s.io/apiserver/pkg/server/config.go, 3 MiB).</summary>
    public const int MaxBodyBytes = 3 * 1024 * 1024;

    /// <summary>The first YAML document as JSON; throws <see cref="YamlToJsonException"/> on bad or too deep input.</summary>
    public static JsonNode? Yaml(string text) => YamlToJson.ParseFirstDocument(text, MaxDepth, MaxYamlNodes);

    /// <summary>
    /// A JSON document, read as Go's encoding/json reads it (a repeated key keeps its last value, a lone surrogate escape
    /// is U+FFFD: <see cref="GoJsonText"/>); throws <see cref="JsonException"/> on bad or too deep input (see
    /// <see cref="DescribeJsonError"/>).
    /// </summary>
    public static JsonNode? Json(string text) => GoJsonText.Parse(text, MaxDepth);

    /// <summary>The parse error as Go's encoding/json words it where the two differ (depth), else System.Text.Json's message.</summary>
    public static string DescribeJsonError(JsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.Message.Contains("maximum configured depth", StringComparison.Ordinal)
            ? $"exceeded max depth (this server accepts {MaxDepth} levels of nesting)"
            : e.Message;
    }

    /// <summary>The YAML error as sigs.k8s.io/yaml reports it: <c>yaml: line N: reason</c>.</summary>
    public static string DescribeYamlError(YamlToJsonException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return $"yaml: line {e.Line}: {e.Reason}";
    }
}
