namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>
/// Parses Argo CD's <c>Key=Value</c> option lists (sync options, compare options): comma-separated in annotations,
/// one per entry in <c>syncPolicy.syncOptions</c>; whitespace is trimmed [ug/sync-options].
/// </summary>
public sealed class CommaOptions
{
    private readonly Dictionary<string, string> values = new(StringComparer.Ordinal);

    public CommaOptions(IEnumerable<string?> entries)
    {
        foreach (var raw in entries)
        {
            foreach (var part in (raw ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var eq = part.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    values[part] = "true";
                }
                else
                {
                    values[part[..eq].Trim()] = part[(eq + 1)..].Trim();
                }
            }
        }
    }

    public static CommaOptions Empty { get; } = new([]);

    public string? this[string key] => values.TryGetValue(key, out var v) ? v : null;

    public bool Has(string key, string value) => values.TryGetValue(key, out var v) && string.Equals(v, value, StringComparison.OrdinalIgnoreCase);

    public bool IsTrue(string key) => Has(key, "true");

    public IEnumerable<string> Keys => values.Keys;
}
