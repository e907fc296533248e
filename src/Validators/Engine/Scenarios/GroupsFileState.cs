using System.Text.Json.Nodes;
using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>One group of a groups file: its name, whether it is enabled, where that is written, and all its fields.</summary>
public sealed record GroupEntry(string Name, bool Enabled, SourceLocation Location, JsonObject Values, int Index);

/// <summary>
/// A groups file as read from the repo, and (filled in by the validator) the Applications its disabled groups
/// would generate if enabled — so a requirement only a disabled group provides is reported as GROUP001.
/// </summary>
public sealed record GroupsFileState(GroupsFileSpec Spec, IReadOnlyList<GroupEntry> Entries, string? Problem)
{
    /// <summary>Apps the disabled groups would add, each with its group.</summary>
    public IReadOnlyList<(GroupEntry Group, ExpandedApp App)> DisabledApps { get; init; } = [];

    /// <summary>The group whose entry produced an app with these generator parameters, or null.</summary>
    public GroupEntry? GroupOf(JsonObject parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var name = parameters[Spec.NameField] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        return name is null ? null : Entries.FirstOrDefault(e => e.Name == name);
    }
}
