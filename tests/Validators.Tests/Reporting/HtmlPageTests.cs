using PlatformValidation.Validators.Reporting;

namespace PlatformValidation.Validators.Tests.Reporting;

/// <summary>
/// <c>--format html</c>: the report's Markdown as one HTML page — tables and collapsible diffs rendered, the report's
/// own <c>details</c>/<c>summary</c>/<c>code</c> kept, any other raw HTML (from repo content) shown as text.
/// </summary>
public class HtmlPageTests
{
    private static string Render(string markdown)
    {
        using var writer = new StringWriter();
        HtmlPage.Write("t <x>", markdown, writer);
        return writer.ToString();
    }

    [Test]
    public void TablesDetailsAndDiffsRender()
    {
        var html = Render("""
            ### ❌ 1 new error

            | profile | new errors |
            |---|---:|
            | `serving` | 1 |

            <details><summary>Changed app <code>web</code> (1 changed) in serving</summary>

            ```diff
            - replicas: 1
            + replicas: 2
            ```

            </details>
            """);

        Assert.That(html, Does.StartWith("<!DOCTYPE html>"));
        Assert.That(html, Does.Contain("<title>t &lt;x&gt;</title>"));
        Assert.That(html, Does.Contain("<table>").And.Contain("<td><code>serving</code></td>"));
        Assert.That(html, Does.Contain("<details><summary>Changed app <code>web</code> (1 changed) in serving</summary>"));
        Assert.That(html, Does.Contain("<pre><code class=\"language-diff\">- replicas: 1\n+ replicas: 2\n</code></pre>"));
        Assert.That(html, Does.Contain("Content-Security-Policy"));
    }

    [Test]
    public void RawHtmlFromRepoContentIsShownAsText()
    {
        var html = Render("""
            - **SEC002** warning: env value <script>alert(1)</script> looks like a password
            - inline <img src=x onerror=alert(2)> image

            <iframe src="https://example.org"></iframe>

            <details><summary onclick="alert(3)">x</summary>
            </details>
            """);

        Assert.That(html, Does.Not.Contain("<script>").And.Not.Contain("<img").And.Not.Contain("<iframe").And.Not.Contain("<summary onclick"));
        Assert.That(html, Does.Contain("&lt;script&gt;alert(1)&lt;/script&gt;"));
        Assert.That(html, Does.Contain("&lt;iframe"));
    }

    [Test]
    public void OnlyTheReportsOwnTagsAreAllowed()
    {
        Assert.That(HtmlPage.OnlyAllowedTags("<details><summary>a <code>b</code></summary>"), Is.True);
        Assert.That(HtmlPage.OnlyAllowedTags("<!-- platformvalidation:validate-base -->"), Is.True);
        Assert.That(HtmlPage.OnlyAllowedTags("<details open>"), Is.False, "no attributes");
        Assert.That(HtmlPage.OnlyAllowedTags("<a href=x>"), Is.False);
        Assert.That(HtmlPage.OnlyAllowedTags("<img src=x onerror=alert(1)"), Is.False, "an unterminated tag");
    }
}
