using System.Text;

namespace PlatformValidation.Validators.Live.Checks;

/// <summary>Renders <see cref="LiveCheckCatalog"/> as the Markdown of <c>docs/live-checks.md</c>.</summary>
public static class LiveCheckCatalogDoc
{
    public static string Render()
    {
        var sb = new StringBuilder();
        sb.Append("# Live checks\n\n");
        sb.Append("<!-- Generated from LiveCheckCatalog (src/Validators/Live/Checks). Do not edit by hand: run the\n");
        sb.Append("     LiveCheckCatalogTests with PV_UPDATE_DOCS=1 to rewrite this file. -->\n\n");
        sb.Append("Every check a live run (`live`, the AppHost) can record, by the name its reports show. A step that\n");
        sb.Append("times out or throws is reported as a failed check under the step's own name, so step names are listed\n");
        sb.Append("too. The IDs are stable; the static findings (`validate`) are listed in the README. The JSON run report\n");
        sb.Append("gives each check's `id`, and a JUnit failure ends with the check's ID and the fix below. Each ID is an\n");
        sb.Append("anchor (`live-checks.md#live-gate-005`); the HTML run report links every check to the same anchor in its own\n");
        sb.Append("copy of the entries the run recorded.\n\n");
        sb.Append("| ID | Check | Suite | Proves | When it fails |\n");
        sb.Append("|---|---|---|---|---|\n");
        foreach (var d in LiveCheckCatalog.All)
        {
            sb.Append($"| <a id=\"{Anchor(d.Id)}\"></a>{d.Id} | `{d.Name}` | {d.Suite} | {Cell(d.Proves)} | {Cell(d.FixHint)} |\n");
        }

        return sb.ToString();
    }

    /// <summary>The fragment that names an entry, here and in the HTML run report: the ID in lower case (<c>live-gate-005</c>).</summary>
    public static string Anchor(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        return id.ToLowerInvariant();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal);
}
