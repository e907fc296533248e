using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Lora;

/// <summary>
/// Loaded LoRA adapters, with vLLM's load/unload rules and texts (<c>OpenAIServingModels</c> in
/// <c>vllm/entrypoints/openai/models/serving.py</c>): both name and path required (400), a duplicate name without
/// <c>load_inplace</c> (400), a path with no adapter (404), unloading an unknown adapter (404), and the "Success: …"
/// bodies. Two guards vLLM does not have: the path must pass <see cref="LoraPathPolicy"/>, and at most
/// <see cref="Capacity"/> adapters are held (vLLM keeps <c>--max-cpu-loras</c> in memory and reloads others from disk;
/// the fake has no disk copy to fall back on, so it refuses the load instead: 400).
/// </summary>
public sealed class LoraRegistry
{
    private readonly Dictionary<string, LoadedLora> adapters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> waiting = new(StringComparer.Ordinal);
    private readonly Lock gate = new();
    private readonly TimeProvider time;
    private readonly string defaultParent;
    private readonly LoraPathPolicy paths;
    private int nextId = 1;

    public LoraRegistry(IEnumerable<LoraModule> modules, string defaultParent, TimeProvider time, int capacity = int.MaxValue, LoraPathPolicy? paths = null)
    {
        ArgumentNullException.ThrowIfNull(modules);
        this.time = time;
        this.defaultParent = defaultParent;
        Capacity = capacity;
        this.paths = paths ?? new LoraPathPolicy(null);
        foreach (var module in modules)
        {
            adapters[module.Name] = new LoadedLora(module, nextId++, time.GetUtcNow());
        }
    }

    /// <summary>Most adapters held at once (static modules included).</summary>
    public int Capacity { get; }

    /// <summary>Raised when the running or waiting adapter sets change.</summary>
    public event Action? Changed;

    public IReadOnlyList<LoadedLora> Adapters
    {
        get
        {
            lock (gate)
            {
                return [.. adapters.Values.OrderBy(a => a.Id)];
            }
        }
    }

    public string ParentOf(LoadedLora lora) => lora.Module.BaseModelName ?? defaultParent;

    public LoadedLora? Find(string name)
    {
        lock (gate)
        {
            return adapters.GetValueOrDefault(name);
        }
    }

    public string Load(string? name, string? path, bool loadInplace)
    {
        if (string.IsNullOrEmpty(name) || string.IsNullOrEmpty(path))
        {
            throw new ApiError(400, "InvalidUserInput", "Both 'lora_name' and 'lora_path' must be provided.");
        }

        lock (gate)
        {
            if (adapters.ContainsKey(name) && !loadInplace)
            {
                throw new ApiError(
                    400,
                    "InvalidUserInput",
                    $"The lora adapter '{name}' has already been loaded. If you want to load the adapter in place, set 'load_inplace' to True.");
            }

            if (!adapters.ContainsKey(name) && adapters.Count >= Capacity)
            {
                throw new ApiError(
                    400,
                    "InvalidUserInput",
                    $"Cannot load the lora adapter '{name}': {adapters.Count} adapters are loaded and this server holds at most {Capacity} (--max-cpu-loras, default --max-loras). Unload one with /v1/unload_lora_adapter first.");
            }

            paths.Check(name, path);
            adapters[name] = new LoadedLora(new LoraModule(name, path), adapters.TryGetValue(name, out var old) ? old.Id : nextId++, time.GetUtcNow());
        }

        return $"Success: LoRA adapter '{name}' added successfully.";
    }

    public string Unload(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            throw new ApiError(400, "InvalidUserInput", "'lora_name' needs to be provided to unload a LoRA adapter.");
        }

        lock (gate)
        {
            if (!adapters.Remove(name))
            {
                throw new ApiError(404, "NotFoundError", $"The lora adapter '{name}' cannot be found.");
            }
        }

        return $"Success: LoRA adapter '{name}' removed successfully.";
    }

    public void MarkWaiting(string name, int delta) => Adjust(waiting, name, delta);

    public void MarkRunning(string name, int delta) => Adjust(running, name, delta);

    public (IReadOnlyList<string> Running, IReadOnlyList<string> Waiting) Activity()
    {
        lock (gate)
        {
            return ([.. running.Keys.Order(StringComparer.Ordinal)], [.. waiting.Keys.Order(StringComparer.Ordinal)]);
        }
    }

    private void Adjust(Dictionary<string, int> counts, string name, int delta)
    {
        lock (gate)
        {
            var value = counts.GetValueOrDefault(name) + delta;
            if (value <= 0)
            {
                counts.Remove(name);
            }
            else
            {
                counts[name] = value;
            }
        }

        Changed?.Invoke();
    }
}

/// <summary>A loaded adapter.</summary>
public record LoadedLora(LoraModule Module, int Id, DateTimeOffset LoadedAt)
{
    public string Name => Module.Name;
}
