using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// A Go <c>text/template</c> as Argo CD's ApplicationSet controller runs it: fields, variables, pipelines,
/// if/else/with/range, comparison and logic builtins, <c>index</c>, <c>printf</c>, plus the Sprig and Argo CD
/// functions platforms use (default, lower, upper, replace, trim*, trunc, quote, toYaml/toJson, normalize,
/// slugify, …). Data is JSON. A missing key renders <c>&lt;no value&gt;</c>, or fails with
/// <c>missingkey=error</c>. Parsed templates are immutable and thread-safe.
/// </summary>
public sealed class GoTemplate
{
    private GoTemplate(string text)
    {
        Text = text;
    }

    /// <summary>The template source.</summary>
    public string Text { get; }

    /// <summary>Parses <paramref name="text"/>; throws <see cref="GoTemplateException"/> on syntax errors.</summary>
    public static GoTemplate Parse(string text) => throw new NotImplementedException();

    /// <summary>Executes against <paramref name="data"/>; throws <see cref="GoTemplateException"/> on errors.</summary>
    public string Execute(JsonNode? data, bool missingKeyIsError = false) => throw new NotImplementedException();
}
