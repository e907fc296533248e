namespace PlatformValidation.Validators.Knowledge;

/// <summary>What one well-known operator creates from a custom resource of <see cref="Group"/>/<see cref="Kind"/>.</summary>
public sealed record OperatorRule(
    string Group,
    string Kind,
    string Source,
    IReadOnlyList<CreatedObjectRule> Creates,
    ReadinessRule? Ready);

/// <summary>One object an operator creates; <see cref="NameTemplates"/> are tried in order.</summary>
public sealed record CreatedObjectRule(
    string ApiVersion,
    string Kind,
    IReadOnlyList<string> NameTemplates,
    WhenRule? When);

/// <summary>Limits a created object to custom resources whose <see cref="Path"/> equals <see cref="EqualsValue"/>.</summary>
public sealed record WhenRule(string Path, string EqualsValue);

/// <summary>The status condition an operator sets once the resource is ready.</summary>
public sealed record ReadinessRule(string Condition, bool RequiresWorkload);

/// <summary>An object that an operator creates for a given custom resource.</summary>
public sealed record CreatedObject(string ApiVersion, string Kind, string Name, string? Namespace);
