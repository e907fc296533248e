namespace PlatformValidation.Validators.Schema;

/// <summary>
/// One schema violation: the field path as kube-apiserver prints it (<c>spec.targetPorts[0].number</c>), the reason
/// as a metav1.CauseType (FieldValueTypeInvalid, FieldValueRequired, FieldValueNotSupported, FieldValueInvalid,
/// FieldValueTooLong, FieldValueTooMany), the offending value as text and the detail after "Invalid value: …".
/// </summary>
public sealed record SchemaError(string Path, string Reason, string Value, string Detail)
{
    /// <summary>The allowed values of an enum (FieldValueNotSupported), in schema order.</summary>
    public IReadOnlyList<string> Allowed { get; init; } = [];

    /// <summary>The cause as k8s.io/apimachinery's field.Error prints it (<c>path: Invalid value: "x": detail</c>).</summary>
    public string Message => Reason switch
    {
        "FieldValueTypeInvalid" or "FieldValueInvalid" => $"{Path}: Invalid value: {Quote(Value)}: {Detail}",
        "FieldValueRequired" => $"{Path}: Required value",
        "FieldValueNotSupported" => $"{Path}: Unsupported value: {Quote(Value)}: supported values: {string.Join(", ", Allowed.Select(Quote))}",
        _ => $"{Path}: {Detail}",
    };

    public override string ToString() => Message;

    private static string Quote(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
