using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// A groups file read by a layer's ApplicationSet (git files generator over a YAML array): which field names a
/// group and which field enables it (an entry without that field counts as enabled: presence).
/// </summary>
public sealed record GroupsFileSpec(string Layer, string File, string NameField, string EnabledField, SourceLocation Location)
{
    public const string DefaultNameField = "group";

    public const string DefaultEnabledField = "enabled";
}
