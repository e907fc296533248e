using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// A Go <c>text/template</c> as Argo CD's ApplicationSet controller runs it: fields, variables, pipelines,
/// if/else/with/range (with break/continue), comparison and logic builtins, <c>index</c>, <c>printf</c>, plus the
/// Sprig and Argo CD functions platforms use (default, lower, upper, replace, trim*, trunc, quote, toYaml/toJson,
/// normalize, slugify, …). Data is JSON, seen as Go sees <c>json.Unmarshal</c> output (numbers are float64).
/// A missing key renders <c>&lt;no value&gt;</c>, or fails with <c>missingkey=error</c>. Parsed templates are
/// immutable and thread-safe.
/// </summary>
public sealed class GoTemplate
{
    private readonly ListNode root;

    private GoTemplate(string text, ListNode root)
    {
        Text = text;
        this.root = root;
    }

    /// <summary>The template source.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="GoTemplateException"/> on syntax errors and unknown functions.</summary>
    public static GoTemplate Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return new GoTemplate(text, GoTemplateParser.Parse(text));
    }

    /// <summary>Executes against <paramref name="data"/>; throws <see cref="GoTemplateException"/> on errors.</summary>
    public string Execute(JsonNode? data, bool missingKeyIsError = false) =>
        GoTemplateExecutor.Execute(root, GoValues.FromJson(data), missingKeyIsError);
}
