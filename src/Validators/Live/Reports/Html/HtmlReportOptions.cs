using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Validators.Live.Reports.Html;

/// <summary>
/// How a run is rendered: as the frozen report (the default) or as the live dashboard page, which adds the
/// AppHost's resources, the step running now, and a stream that keeps the page current.
/// </summary>
public sealed record HtmlReportOptions
{
    /// <summary>The page title (default: the scenario and substrate).</summary>
    public string? Title { get; init; }

    /// <summary>The AppHost's resources (state, health, endpoints, logs), when the run came from the AppHost.</summary>
    public IReadOnlyList<HostResourceView> Resources { get; init; } = [];

    /// <summary>True while the run is still going: cells not yet run show as pending instead of "not run".</summary>
    public bool InProgress { get; init; }

    /// <summary>The step running now (<c>suite/step (profile)</c>), shown while <see cref="InProgress"/>.</summary>
    public string? CurrentStep { get; init; }

    /// <summary>
    /// Where the live page gets updates (a URL path such as <c>/api/view</c>; its <c>/stream</c> is the server-sent
    /// event stream). Null renders the frozen report.
    /// </summary>
    public string? LiveEndpoint { get; init; }

    /// <summary>When the page was rendered (default: now).</summary>
    public DateTimeOffset? GeneratedAt { get; init; }

    /// <summary>Masks secrets in every free text (messages, logs, diffs); default <see cref="SecretRedactor.Shared"/>.</summary>
    public SecretRedactor? Redactor { get; init; }

    /// <summary>How many lines of each resource log are kept (the newest).</summary>
    public int ResourceLogLines { get; init; } = 200;
}
