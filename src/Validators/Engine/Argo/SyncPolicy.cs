using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary><c>spec.syncPolicy</c> [§4.6, §5.1].</summary>
public sealed record SyncPolicy(
    AutomatedSyncPolicy? Automated,
    IReadOnlyList<string> SyncOptions,
    JsonObject? Retry,
    JsonObject? ManagedNamespaceMetadata)
{
    /// <summary>True when <see cref="SyncOptions"/> holds <paramref name="option"/> (<c>Key=value</c>), ignoring case and spaces around <c>=</c>.</summary>
    public bool HasSyncOption(string option)
    {
        ArgumentNullException.ThrowIfNull(option);
        var wanted = Canonical(option);
        return SyncOptions.Any(o => string.Equals(Canonical(o), wanted, StringComparison.OrdinalIgnoreCase));
    }

    private static string Canonical(string o)
    {
        var i = o.IndexOf('=', StringComparison.Ordinal);
        return i < 0 ? o.Trim() : o[..i].Trim() + "=" + o[(i + 1)..].Trim();
    }
}

/// <summary><c>spec.syncPolicy.automated</c>; <see cref="Enabled"/> null means enabled [§5.1].</summary>
public sealed record AutomatedSyncPolicy(bool Prune, bool SelfHeal, bool AllowEmpty, bool? Enabled);
