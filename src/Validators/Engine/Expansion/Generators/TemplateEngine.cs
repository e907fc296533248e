using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Expansion.Generators;

/// <summary>
/// String templating of one ApplicationSet (Argo CD's Render.Replace): goTemplate with the set's options, or
/// fasttemplate over the string-valued parameters. Parsed Go templates are cached per string.
/// </summary>
internal sealed class TemplateEngine(bool goTemplate, bool missingKeyIsError)
{
    private static readonly ConcurrentDictionary<string, GoTemplate> Parsed = new(StringComparer.Ordinal);

    public bool GoTemplate { get; } = goTemplate;

    public bool MissingKeyIsError { get; } = missingKeyIsError;

    /// <summary>Renders <paramref name="template"/> with <paramref name="parameters"/>.</summary>
    public string Replace(string template, JsonObject parameters) => Replace(template, parameters, MissingKeyIsError);

    public string Replace(string template, JsonObject parameters, bool missingKeyIsError)
    {
        if (GoTemplate)
        {
            if (!template.Contains("{{", StringComparison.Ordinal))
            {
                return template;
            }

            var parsed = Parsed.GetOrAdd(template, static t => Templating.GoTemplate.Parse(t));
            return parsed.Execute(parameters, missingKeyIsError);
        }

        return FastTemplate.Render(template, StringParameters(parameters));
    }

    /// <summary>fasttemplate only substitutes parameters whose value is a string.</summary>
    private static Dictionary<string, string> StringParameters(JsonObject parameters)
    {
        var d = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in parameters)
        {
            if (v is JsonValue value && value.TryGetValue<string>(out var s))
            {
                d[k] = s;
            }
        }

        return d;
    }

    /// <summary>Templates every string value and every key of <paramref name="node"/> (a fresh copy is returned).</summary>
    public JsonNode? RenderTree(JsonNode? node, JsonObject parameters, Func<string, bool>? skipKey = null)
    {
        switch (node)
        {
            case null:
                return null;
            case JsonObject o:
            {
                var result = new JsonObject();
                foreach (var (key, value) in o)
                {
                    var renderedKey = Replace(key, parameters);
                    if (skipKey?.Invoke(key) == true)
                    {
                        result[renderedKey] = value?.DeepClone();
                        continue;
                    }

                    result[renderedKey] = RenderTree(value, parameters, skipKey);
                }

                return result;
            }

            case JsonArray a:
                return new JsonArray(a.Select(i => RenderTree(i, parameters, skipKey)).ToArray());
            case JsonValue v when v.TryGetValue<string>(out var s):
                return JsonValue.Create(Replace(s, parameters));
            default:
                return node.DeepClone();
        }
    }
}
