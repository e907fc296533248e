namespace PlatformValidation.Validators.Schema;

/// <summary>What validating one object against an openAPIV3Schema found besides errors.</summary>
public sealed class SchemaNotes
{
    /// <summary>Paths of fields the schema does not declare (no properties entry, no additionalProperties, no preserve-unknown): the API server prunes them.</summary>
    public List<string> Unknown { get; } = [];

    /// <summary>Paths of schema nodes carrying x-kubernetes-validations (CEL) rules, which this engine does not evaluate.</summary>
    public List<string> CelRules { get; } = [];
}
