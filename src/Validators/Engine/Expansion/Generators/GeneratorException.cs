namespace PlatformValidation.Validators.Expansion.Generators;

/// <summary>A generator or template failed; <see cref="Pointer"/> locates the generator in the ApplicationSet.</summary>
internal sealed class GeneratorException(string message, string pointer, bool notAvailableHere = false) : Exception(message)
{
    public string Pointer { get; } = pointer;

    /// <summary>True when the failure is "cannot be evaluated here" (RENDER002) rather than an invalid spec (ARGO001).</summary>
    public bool NotAvailableHere { get; } = notAvailableHere;
}
