namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The named waits of a live run. Every name has a default; a scenario overrides some of them. Unknown names are
/// rejected by the parser so that a typo never silently keeps a default.
/// </summary>
public sealed record ScenarioTimeouts(IReadOnlyDictionary<string, TimeSpan> Values)
{
    /// <summary>Every known timeout with its default.</summary>
    public static IReadOnlyDictionary<string, TimeSpan> Defaults { get; } = new Dictionary<string, TimeSpan>(StringComparer.Ordinal)
    {
        ["apply"] = TimeSpan.FromMinutes(2),
        ["sync"] = TimeSpan.FromMinutes(5),
        ["healthy"] = TimeSpan.FromMinutes(10),
        ["scale"] = TimeSpan.FromMinutes(5),
        ["smoke"] = TimeSpan.FromMinutes(1),
        ["probe"] = TimeSpan.FromSeconds(30),
        ["teardown"] = TimeSpan.FromMinutes(5),
    };

    /// <summary>Only the defaults.</summary>
    public static ScenarioTimeouts Default { get; } = new(Defaults);

    /// <summary>How long the wait named <paramref name="name"/> may take.</summary>
    public TimeSpan this[string name] => Values.TryGetValue(name, out var t)
        ? t
        : throw new KeyNotFoundException($"No timeout named '{name}'; known: {string.Join(", ", Values.Keys)}.");

    public TimeSpan Apply => this["apply"];

    public TimeSpan Sync => this["sync"];

    public TimeSpan Healthy => this["healthy"];

    public TimeSpan Scale => this["scale"];

    public TimeSpan Smoke => this["smoke"];

    public TimeSpan Probe => this["probe"];

    public TimeSpan Teardown => this["teardown"];
}
