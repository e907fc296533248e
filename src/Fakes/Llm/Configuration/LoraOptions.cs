namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>LoRA serving: <c>--enable-lora</c>, <c>--max-loras</c>, <c>--lora-modules</c> and the runtime load/unload switch.</summary>
public sealed record LoraOptions
{
    public bool Enabled { get; init; }

    public int MaxLoras { get; init; } = 1;

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
