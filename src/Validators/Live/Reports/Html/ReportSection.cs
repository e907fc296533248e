namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// One rendered part of the page (<c>summary</c>, <c>matrix</c>, <c>findings</c>, …): its element id and its
/// HTML. The live dashboard sends the sections that changed; the page swaps them in place.
/// </summary>
public sealed record ReportSection(string Id, string Html);
