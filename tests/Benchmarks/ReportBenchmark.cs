using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;
using PlatformValidation.Tests.Reports;
using PlatformValidation.Validators.Live.Reports.Html;

namespace PlatformValidation.Benchmarks;

/// <summary>
/// <c>report</c>: the frozen HTML report of a 4-profile run with 40 apps (a realistic synthetic run with two failing
/// apps and their diagnostics). Figures: file size, rendering time in .NET, and in Debian's Chromium (through
/// Playwright) the time from navigation start to the load event and to first contentful paint (Performance API),
/// median of N loads in fresh pages. Targets: under 1 MB, under 1 s.
/// </summary>
internal static class ReportBenchmark
{
    private const long SizeTarget = 1_000_000;
    private const double TimeTargetMs = 1000;

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
    ];

    public static async Task<int> RunAsync(string[] args)
    {
        var runs = IntOption(args, "--runs", 5);
        var chromium = StringOption(args, "--chromium") ?? "/usr/bin/chromium";
        var output = StringOption(args, "--output") ?? Path.Combine(Path.GetTempPath(), "pv-bench-report", "report-4x40.html");
        var report = SyntheticRunReports.Build(failing: true);
        Console.WriteLine($"run: {report.Profiles.Count} profiles, {SyntheticRunReports.Apps.Count()} apps, {report.Checks.Count} checks, {report.Timings.Count} timings, {report.Diagnostics.Count} failing apps with diagnostics, {report.Findings.Count} findings");

        HtmlReportWriter.Render(report); // warm-up (JIT, embedded assets)
        var renderMs = new List<double>();
        string html = string.Empty;
        for (var i = 0; i < runs; i++)
        {
            var sw = Stopwatch.StartNew();
            html = HtmlReportWriter.Render(report);
            renderMs.Add(sw.Elapsed.TotalMilliseconds);
        }

        Directory.CreateDirectory(Path.GetDirectoryName(output)!);
        await File.WriteAllTextAsync(output, html, new UTF8Encoding(false));
        var size = new FileInfo(output).Length;
        Console.WriteLine($"file: {output}");
        Console.WriteLine(Invariant($"size: {size:N0} bytes ({size / 1024.0:0.0} KiB) — target < 1 MB: {(size < SizeTarget ? "met" : "MISSED")}"));
        Console.WriteLine(Invariant($"render in .NET: median {Median(renderMs):0.0} ms of {runs}"));

        if (!File.Exists(chromium))
        {
            await Console.Error.WriteLineAsync($"Chromium not found at {chromium}: apt-get install chromium (or pass --chromium PATH) to measure the browser figures.");
            return 2;
        }

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = chromium, Headless = true, Args = ChromiumArgs });
        var url = new Uri(output).AbsoluteUri;
        await LoadAsync(browser, url); // warm-up: the first page of a browser pays for its start
        var load = new List<double>();
        var paint = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var (l, p) = await LoadAsync(browser, url);
            load.Add(l);
            paint.Add(p);
        }

        Console.WriteLine(Invariant($"chromium, navigation start → load event end: median {Median(load):0} ms of {runs} ({string.Join(", ", load.Select(x => x.ToString("0", CultureInfo.InvariantCulture)))}) — target < 1 s: {(Median(load) < TimeTargetMs ? "met" : "MISSED")}"));
        Console.WriteLine(Invariant($"chromium, first contentful paint: median {Median(paint):0} ms of {runs} ({string.Join(", ", paint.Select(x => x.ToString("0", CultureInfo.InvariantCulture)))}) — target < 1 s: {(Median(paint) < TimeTargetMs ? "met" : "MISSED")}"));
        return 0;
    }

    private static async Task<(double Load, double Paint)> LoadAsync(IBrowser browser, string url)
    {
        await using var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync(url, new PageGotoOptions { WaitUntil = WaitUntilState.Load });
        // Paint entries are recorded asynchronously; wait until first-contentful-paint exists.
        await page.WaitForFunctionAsync("() => performance.getEntriesByName('first-contentful-paint').length > 0 && performance.getEntriesByType('navigation')[0].loadEventEnd > 0");
        var json = await page.EvaluateAsync<string>(@"() => JSON.stringify({
            load: performance.getEntriesByType('navigation')[0].loadEventEnd,
            paint: performance.getEntriesByName('first-contentful-paint')[0].startTime })");
        using var doc = JsonDocument.Parse(json);
        return (doc.RootElement.GetProperty("load").GetDouble(), doc.RootElement.GetProperty("paint").GetDouble());
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[(sorted.Count / 2) - 1] + sorted[sorted.Count / 2]) / 2;
    }

    private static string Invariant(FormattableString s) => s.ToString(CultureInfo.InvariantCulture);

    private static int IntOption(string[] args, string name, int fallback) =>
        StringOption(args, name) is { } v && int.TryParse(v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : fallback;

    private static string? StringOption(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
