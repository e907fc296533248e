using System.Globalization;
using System.Text;
using static PlatformValidation.Validators.Live.Reports.Html.Markup;

namespace PlatformValidation.Validators.Live.Reports.Html.Sections;

/// <summary>
/// Per-app time-to-healthy as an inline SVG bar chart, one figure per profile (slowest first; apps that never became
/// healthy marked with ✖ and words), each with a data table for screen readers and copy-paste. No chart library.
/// </summary>
internal static class TimingChart
{
    public const string Id = "timings";

    private const int Width = 760;
    private const int LabelWidth = 230;
    private const int ValueWidth = 110;
    private const int Row = 20;
    private const int Bar = 14;
    private const int Top = 26;
    private const int MaxLabel = 32;

    public static string Render(RenderContext ctx)
    {
        var sb = new StringBuilder();
        sb.Append("<section id=\"timings\" aria-labelledby=\"timings-h\"><h2 id=\"timings-h\" tabindex=\"-1\">Time to healthy</h2>");
        var timings = WithUnhealthy(ctx);
        if (timings.Count == 0)
        {
            sb.Append("<p class=\"empty\">").Append(ctx.Options.InProgress ? "No app has become healthy yet." : "No app timing was recorded.").Append("</p></section>");
            return sb.ToString();
        }

        sb.Append("<p>How long each app took to become Synced and Healthy after its profile was applied, slowest first; ✖ marks apps that did not become healthy (a check of theirs failed in that profile).</p>");
        var max = timings.Max(t => t.TimeToHealthy?.TotalSeconds ?? 0);
        var scale = NiceMax(max);
        var profiles = ctx.Report.Profiles.Concat(timings.Select(t => t.Profile)).Distinct(StringComparer.Ordinal);
        foreach (var profile in profiles)
        {
            var rows = timings.Where(t => t.Profile == profile)
                .OrderBy(t => t.TimeToHealthy is null ? 0 : 1)
                .ThenByDescending(t => t.TimeToHealthy)
                .ThenBy(t => t.App, StringComparer.Ordinal)
                .ToList();
            if (rows.Count > 0)
            {
                Figure(sb, profile, rows, scale);
            }
        }

        sb.Append("</section>");
        return sb.ToString();
    }

    private static void Figure(StringBuilder sb, string profile, List<AppTiming> rows, double scale)
    {
        var id = "timing-" + Slug(profile);
        var healthy = rows.Where(r => r.TimeToHealthy is not null).Select(r => r.TimeToHealthy!.Value).OrderBy(t => t).ToList();
        var never = rows.Count - healthy.Count;
        var caption = new StringBuilder($"Profile {profile}: {rows.Count} app(s)");
        if (healthy.Count > 0)
        {
            caption.Append(CultureInfo.InvariantCulture, $", median {Duration(healthy[healthy.Count / 2])}, slowest {rows.First(r => r.TimeToHealthy is not null).App} ({Duration(healthy[^1])})");
        }

        if (never > 0)
        {
            caption.Append(CultureInfo.InvariantCulture, $", {never} not healthy");
        }

        var height = Top + (rows.Count * Row) + 6;
        var plot = Width - LabelWidth - ValueWidth;
        sb.Append("<figure class=\"chart\" aria-labelledby=\"").Append(id).Append("-cap\"><figcaption id=\"").Append(id).Append("-cap\">").Append(E(caption.ToString())).Append("</figcaption>");
        sb.Append(CultureInfo.InvariantCulture, $"<svg class=\"bars\" viewBox=\"0 0 {Width} {height}\" width=\"{Width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"{id}-cap\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">");
        foreach (var tick in Ticks(scale))
        {
            var x = LabelWidth + (tick / scale * plot);
            sb.Append(CultureInfo.InvariantCulture, $"<line class=\"grid\" x1=\"{x:0.#}\" x2=\"{x:0.#}\" y1=\"{Top - 6}\" y2=\"{height - 4}\"/><text class=\"tick\" x=\"{x:0.#}\" y=\"{Top - 10}\" text-anchor=\"middle\">{Number(tick)} s</text>");
        }

        for (var i = 0; i < rows.Count; i++)
        {
            var t = rows[i];
            var y = Top + (i * Row);
            var label = t.App.Length > MaxLabel ? t.App[..(MaxLabel - 1)] + "…" : t.App;
            sb.Append("<g><title>").Append(E(t.App)).Append(": ").Append(t.TimeToHealthy is { } d0 ? Duration(d0) : "did not become healthy").Append("</title>");
            sb.Append(CultureInfo.InvariantCulture, $"<text class=\"label\" x=\"{LabelWidth - 8}\" y=\"{y + Bar - 3}\" text-anchor=\"end\">{E(label)}</text>");
            if (t.TimeToHealthy is { } d)
            {
                var w = Math.Max(1.5, d.TotalSeconds / scale * plot);
                sb.Append(CultureInfo.InvariantCulture, $"<rect class=\"bar\" x=\"{LabelWidth}\" y=\"{y}\" width=\"{w:0.#}\" height=\"{Bar}\" rx=\"2\"/>");
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"value\" x=\"{LabelWidth + w + 6:0.#}\" y=\"{y + Bar - 3}\">{E(Duration(d))}</text>");
            }
            else
            {
                sb.Append(CultureInfo.InvariantCulture, $"<text class=\"never\" x=\"{LabelWidth + 4}\" y=\"{y + Bar - 3}\">✖ not healthy</text>");
            }

            sb.Append("</g>");
        }

        sb.Append("</svg>");
        sb.Append("<details class=\"data\" id=\"").Append(id).Append("-data\"><summary>Data table</summary><table><caption class=\"vh\">Time to healthy in profile ").Append(E(profile))
          .Append("</caption><thead><tr><th scope=\"col\">App</th><th scope=\"col\">Time to healthy</th></tr></thead><tbody>");
        foreach (var t in rows)
        {
            sb.Append("<tr><th scope=\"row\">").Append(E(t.App)).Append("</th><td class=\"num\">")
              .Append(t.TimeToHealthy is { } d ? E(Duration(d)) : Badge(new Status("✖", "not healthy", "bad"))).Append("</td></tr>");
        }

        sb.Append("</tbody></table></details></figure>");
    }

    /// <summary>The recorded timings, plus apps with a failed live check (not a static one) in a profile where they never reported healthy.</summary>
    private static List<AppTiming> WithUnhealthy(RenderContext ctx)
    {
        var timings = ctx.Report.Timings.ToList();
        var known = timings.Select(t => (t.Profile, t.App)).ToHashSet();
        foreach (var check in ctx.Report.Checks.Where(c => c.Outcome == CheckOutcome.Failed && c.App is not null && c.Profile is not null && c.Suite != "static"))
        {
            if (known.Add((check.Profile!, check.App!)))
            {
                timings.Add(new AppTiming(check.Profile!, check.App!, null));
            }
        }

        return timings;
    }

    /// <summary>The axis maximum: the next 1, 2 or 5 × 10^k above the slowest app.</summary>
    private static double NiceMax(double max)
    {
        if (max <= 0)
        {
            return 1;
        }

        var magnitude = Math.Pow(10, Math.Floor(Math.Log10(max)));
        foreach (var step in new[] { 1.0, 2, 2.5, 5, 10 })
        {
            if (step * magnitude >= max)
            {
                return step * magnitude;
            }
        }

        return 10 * magnitude;
    }

    private static IEnumerable<double> Ticks(double scale)
    {
        for (var i = 0; i <= 5; i++)
        {
            yield return scale * i / 5;
        }
    }
}
