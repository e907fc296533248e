namespace PlatformValidation.Validators.Templating;

/// <summary>How a template treats a missing map key: text/template's <c>missingkey</c> option.</summary>
public enum GoMissingKey
{
    /// <summary><c>missingkey=default</c>: the value is invalid, printed <c>&lt;no value&gt;</c>; fields on it stay invalid.</summary>
    Default,

    /// <summary>
    /// <c>missingkey=zero</c> (Helm): the value is a nil interface; a field on it fails with "nil pointer evaluating
    /// interface {}.X" as Helm reports it [helm pkg/engine/engine.go render].
    /// </summary>
    Zero,

    /// <summary><c>missingkey=error</c>: "map has no entry for key".</summary>
    Error,
}

/// <summary>A value with Go fields or methods beyond a map's keys (Helm's <c>.Files</c>, <c>.Capabilities.APIVersions</c>).</summary>
internal interface IGoFields
{
    bool TryGetField(string name, out object? value);
}

/// <summary>
/// A Go method value: a field that resolves to one is called — with the command's arguments when it heads a command
/// (<c>.Files.Get "x"</c>), with none elsewhere (<c>(.Files.Glob "x").AsConfig</c>), as text/template's evalField does.
/// </summary>
internal sealed class GoMethod(string name, Func<List<object?>, object?> invoke)
{
    public string Name { get; } = name;

    public object? Invoke(List<object?> args) => invoke(args);

    public override string ToString() => Name;
}

/// <summary>A list that also answers <c>.Has "x"</c> (Helm's Capabilities.APIVersions VersionSet).</summary>
internal sealed class GoVersionSet : List<object?>, IGoFields
{
    public GoVersionSet(IEnumerable<string> versions)
        : base(versions.Select(v => (object?)v))
    {
    }

    public bool TryGetField(string name, out object? value)
    {
        value = name == "Has" ? new GoMethod("Has", a => a.Count == 1 && Contains(GoValues.ToStr(a[0]))) : null;
        return value is not null;
    }
}
