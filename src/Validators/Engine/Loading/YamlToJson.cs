using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// The one YAML → JSON conversion of the code base for a single document (a request body, an apply patch): the
/// reader <c>validate</c>'s loader uses, with the same go-yaml v2 scalar rules (sigs.k8s.io/yaml decodes with
/// go-yaml v2, so <c>yes</c>/<c>on</c> are booleans and <c>0777</c> is octal, as kube-apiserver reads them), the same
/// caps on depth and alias expansion, linear time in the input, and no recursion.
/// </summary>
public static class YamlToJson
{
    /// <summary>
    /// The first document of <paramref name="text"/> as JSON (null for an empty stream or document), as go-yaml's
    /// Unmarshal reads a body. Throws <see cref="YamlToJsonException"/> with the line and the reason on bad input
    /// or when the document nests deeper than <paramref name="maxDepth"/> or expands to more than
    /// <paramref name="maxNodes"/> nodes.
    /// </summary>
    public static JsonNode? ParseFirstDocument(string text, int maxDepth, int maxNodes = 2_000_000)
    {
        ArgumentNullException.ThrowIfNull(text);
        var options = new LoaderOptions { MaxDepth = maxDepth, MaxNodes = maxNodes };
        options.Validate();
        var (document, error) = YamlDocumentReader.ReadFirst(text, "<input>", options);
        if (error is { } e)
        {
            throw new YamlToJsonException(e.Reason, e.Location.Line, e.Location.Column);
        }

        return document?.Root;
    }
}
