using System.Text.RegularExpressions;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>The API server's name rules (apimachinery's IsDNS1123Subdomain, IsDNS1123Label, IsDNS1035Label, path segments).</summary>
public static partial class NameValidation
{
    private const string Dns1123LabelFmt = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string Dns1035LabelFmt = "[a-z]([-a-z0-9]*[a-z0-9])?";

    public const string Dns1123SubdomainMessage = KubeNames.Dns1123SubdomainMessage;
    public const string Dns1123LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '" + Dns1123LabelFmt + "')";
    public const string Dns1035LabelMessage = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '" + Dns1035LabelFmt + "')";

    [GeneratedRegex("^" + Dns1123LabelFmt + "$")]
    private static partial Regex Label();

    [GeneratedRegex("^" + Dns1035LabelFmt + "$")]
    private static partial Regex Label1035();

    /// <summary>Problems with <paramref name="name"/> under <paramref name="rule"/>; empty when valid.</summary>
    public static IReadOnlyList<string> Check(string name, NameRule rule) => rule switch
    {
        NameRule.Dns1123Label => Dns1123Label(name),
        NameRule.Dns1035Label => Dns1035Label(name),
        NameRule.PathSegment => PathSegment(name),
        _ => Dns1123Subdomain(name),
    };

    /// <summary>IsDNS1123Subdomain (the engine's <see cref="KubeNames"/>).</summary>
    public static List<string> Dns1123Subdomain(string value) => KubeNames.Dns1123Subdomain(value);

    public static List<string> Dns1123Label(string name)
    {
        var errors = new List<string>();
        if (name.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Label().IsMatch(name))
        {
            errors.Add(Dns1123LabelMessage);
        }

        return errors;
    }

    public static List<string> Dns1035Label(string name)
    {
        var errors = new List<string>();
        if (name.Length > 63)
        {
            errors.Add("must be no more than 63 characters");
        }

        if (!Label1035().IsMatch(name))
        {
            errors.Add(Dns1035LabelMessage);
        }

        return errors;
    }

    public static List<string> PathSegment(string name)
    {
        var errors = new List<string>();
        if (name is "." or "..")
        {
            errors.Add($"may not be '{name}'");
        }

        foreach (var bad in new[] { "/", "%" })
        {
            if (name.Contains(bad, StringComparison.Ordinal))
            {
                errors.Add($"may not contain '{bad}'");
            }
        }

        return errors;
    }

    /// <summary>Label keys and annotation keys: an optional DNS subdomain prefix and a name part (IsQualifiedName).</summary>
    public static List<string> QualifiedName(string value) => KubeNames.QualifiedName(value);

    /// <summary>Label values: empty, or up to 63 characters of the qualified-name alphabet.</summary>
    public static List<string> LabelValue(string value) => KubeNames.LabelValue(value);

    /// <summary>Validates metadata name, generateName, labels and annotations keys the way ValidateObjectMeta does.</summary>
    public static List<FieldError> ObjectMeta(ResourceType type, System.Text.Json.Nodes.JsonObject metadata, bool requireName)
    {
        var errors = new List<FieldError>();
        var name = metadata["name"]?.GetValue<string>();
        if (string.IsNullOrEmpty(name))
        {
            if (requireName)
            {
                errors.Add(FieldError.Required("metadata.name", "name or generateName is required"));
            }
        }
        else
        {
            foreach (var msg in Check(name, type.NameRule))
            {
                errors.Add(FieldError.Invalid("metadata.name", name, msg));
            }
        }

        if (metadata["labels"] is System.Text.Json.Nodes.JsonObject labels)
        {
            foreach (var (k, v) in labels)
            {
                foreach (var msg in QualifiedName(k))
                {
                    errors.Add(FieldError.Invalid("metadata.labels", k, msg));
                }

                var value = v is System.Text.Json.Nodes.JsonValue jv && jv.GetValueKind() == System.Text.Json.JsonValueKind.String ? jv.GetValue<string>() : v?.ToJsonString() ?? string.Empty;
                foreach (var msg in LabelValue(value))
                {
                    errors.Add(FieldError.Invalid("metadata.labels", value, msg));
                }
            }
        }

        // apimachinery ValidateFinalizers: every finalizer is a qualified name (reported on the list's path, no index).
        foreach (var finalizer in (metadata["finalizers"] as System.Text.Json.Nodes.JsonArray ?? []).OfType<System.Text.Json.Nodes.JsonValue>())
        {
            if (finalizer.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                var f = finalizer.GetValue<string>();
                foreach (var msg in QualifiedName(f))
                {
                    errors.Add(FieldError.Invalid("metadata.finalizers", f, msg));
                }
            }
        }

        if (metadata["annotations"] is System.Text.Json.Nodes.JsonObject annotations)
        {
            foreach (var (k, _) in annotations)
            {
                foreach (var msg in QualifiedName(k.ToLowerInvariant()))
                {
                    errors.Add(FieldError.Invalid("metadata.annotations", k, msg));
                }
            }
        }

        return errors;
    }
}
