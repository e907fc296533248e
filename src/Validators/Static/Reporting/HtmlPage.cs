using System.Net;
using System.Text.RegularExpressions;
using Markdig;
using Markdig.Helpers;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace PlatformValidation.Validators.Reporting;

/// <summary>
/// A report's Markdown as a self-contained HTML page (<c>--format html</c>), so the pull-request comment and the
/// page a CI job publishes are one text. Markdown is rendered with Markdig (CommonMark + pipe tables). Raw HTML in the
/// Markdown is kept only for the few tags the report writers emit themselves (<c>details</c>, <c>summary</c>,
/// <c>code</c>, comments); any other tag — e.g. from a finding message quoting a repo's content — is shown as text, and
/// the page's Content-Security-Policy allows no script at all.
/// </summary>
public static partial class HtmlPage
{
    private static readonly HashSet<string> AllowedTags = new(StringComparer.OrdinalIgnoreCase) { "details", "summary", "code" };

    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().Build();

    private const string Style = """
        body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 72rem; padding: 0 1rem; color: #1f2328; }
        table { border-collapse: collapse; margin: 1rem 0; }
        th, td { border: 1px solid #d0d7de; padding: .3rem .6rem; }
        th { background: #f6f8fa; }
        code, pre { font-family: ui-monospace, monospace; font-size: 90%; }
        pre { background: #f6f8fa; padding: .8rem; overflow-x: auto; }
        details { margin: .5rem 0; }
        summary { cursor: pointer; }
        """;

    /// <summary>Writes <paramref name="markdown"/> as an HTML page titled <paramref name="title"/>.</summary>
    public static void Write(string title, string markdown, TextWriter writer)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(writer);
        var document = Markdown.Parse(markdown, Pipeline);
        Sanitize(document);
        writer.WriteLine("<!DOCTYPE html>");
        writer.WriteLine("<html lang=\"en\"><head><meta charset=\"utf-8\">");
        writer.WriteLine("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">");
        writer.WriteLine($"<title>{WebUtility.HtmlEncode(title)}</title>");
        writer.WriteLine($"<style>{Style}</style></head><body>");
        writer.Write(document.ToHtml(Pipeline));
        writer.WriteLine("</body></html>");
    }

    /// <summary>True when every tag in <paramref name="html"/> is an allowed one (or a comment).</summary>
    internal static bool OnlyAllowedTags(string html)
    {
        foreach (Match m in Tag().Matches(html))
        {
            if (m.Value.StartsWith("<!--", StringComparison.Ordinal))
            {
                continue;
            }

            if (!AllowedTags.Contains(m.Groups["name"].Value) || m.Groups["attributes"].Value.Trim().Length > 0)
            {
                return false;
            }
        }

        // A stray '<' that is not a well-formed tag (e.g. "<img src=x onerror=…" without '>') is not allowed either.
        return Tag().Replace(html, string.Empty).IndexOf('<', StringComparison.Ordinal) < 0;
    }

    private static void Sanitize(ContainerBlock container)
    {
        for (var i = 0; i < container.Count; i++)
        {
            switch (container[i])
            {
                case HtmlBlock html:
                    var text = html.Lines.ToString();
                    if (!OnlyAllowedTags(text))
                    {
                        var paragraph = new ParagraphBlock { Inline = new ContainerInline() };
                        paragraph.Inline.AppendChild(new LiteralInline(text));
                        container.RemoveAt(i);
                        container.Insert(i, paragraph);
                    }

                    break;
                case LeafBlock { Inline: { } inline }:
                    SanitizeInlines(inline);
                    break;
                case ContainerBlock child:
                    Sanitize(child);
                    break;
            }
        }
    }

    private static void SanitizeInlines(ContainerInline inline)
    {
        foreach (var raw in inline.Descendants<HtmlInline>().ToList())
        {
            if (!OnlyAllowedTags(raw.Tag))
            {
                raw.ReplaceBy(new LiteralInline(new StringSlice(raw.Tag)));
            }
        }
    }

    [GeneratedRegex("<!--.*?-->|</?(?<name>[A-Za-z][A-Za-z0-9-]*)(?<attributes>[^<>]*)/?>", RegexOptions.Singleline, 1000)]
    private static partial Regex Tag();
}
