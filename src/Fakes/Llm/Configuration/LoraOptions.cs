namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>LoRA serving: <c>--enable-lora</c>, <c>--max-loras</c>, <c>--lora-modules</c> and the runtime load/unload switch.</summary>
public sealed record LoraOptions
{
    public bool Enabled { get; init; }

    /// <summary><c>--max-loras</c>: adapters in one batch (vLLM's default 1).</summary>
    public int MaxLoras { get; init; } = 1;

    /// <summary>
    /// <c>--max-cpu-loras</c>: adapters vLLM keeps loaded (its CPU cache; default and minimum <see cref="MaxLoras"/>).
    /// The fake holds at most this many adapters (static and runtime-loaded together); see <see cref="Capacity"/>.
    /// </summary>
    public int? MaxCpuLoras { get; init; }

    /// <summary>
    /// <c>--lora-root</c>: the directory runtime-loaded adapter paths must resolve inside (relative paths are taken from
    /// it; the adapter directory must exist, as vLLM requires). Unset → paths are labels only: nothing is read, and a
    /// path with a <c>..</c> segment, a control character or more than <see cref="MaxPathLength"/> characters is refused.
    /// </summary>
    public string? Root { get; init; }

    /// <summary>Longest adapter name or path accepted (Linux's PATH_MAX).</summary>
    public const int MaxPathLength = 4096;

    /// <summary>Adapters the server holds at once: <see cref="MaxCpuLoras"/>, else <see cref="MaxLoras"/>.</summary>
    public int Capacity => Math.Max(MaxCpuLoras ?? MaxLoras, MaxLoras);

    public int MaxLoraRank { get; init; } = 16;

    /// <summary>Adapters present at start-up.</summary>
    public IReadOnlyList<LoraModule> Modules { get; init; } = [];

    /// <summary><c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c>: registers <c>/v1/load_lora_adapter</c> and <c>/v1/unload_lora_adapter</c>.</summary>
    public bool AllowRuntimeUpdating { get; init; }

    internal IEnumerable<string> Validate(IReadOnlyList<string> servedNames)
    {
        if (MaxLoras < 1)
        {
            yield return $"max-loras must be at least 1, got {MaxLoras}.";
        }

        if (MaxCpuLoras is { } cpu && cpu < MaxLoras)
        {
            yield return $"max-cpu-loras ({cpu}) must be at least max-loras ({MaxLoras}), as vLLM requires.";
        }

        if (Root is not null && !Directory.Exists(Root))
        {
            yield return $"lora-root '{Root}' is not a directory: create it or point --lora-root at the adapters' directory.";
        }

        if (Modules.Count > 0 && !Enabled)
        {
            yield return "lora-modules is set but LoRA is off: add --enable-lora.";
        }

        foreach (var module in Modules)
        {
            if (string.IsNullOrWhiteSpace(module.Name) || string.IsNullOrWhiteSpace(module.Path))
            {
                yield return "a lora-modules entry needs both a name and a path (name=path or {\"name\":…,\"path\":…}).";
            }
            else if (servedNames.Contains(module.Name, StringComparer.Ordinal))
            {
                yield return $"LoRA adapter '{module.Name}' has the same name as a served model; rename it.";
            }
        }

        foreach (var duplicate in Modules.GroupBy(m => m.Name, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            yield return $"LoRA adapter '{duplicate.Key}' is listed twice in lora-modules.";
        }
    }
}

/// <summary>One LoRA adapter: its served name, path and (optionally) the base model it belongs to.</summary>
public sealed record LoraModule(string Name, string Path, string? BaseModelName = null);
