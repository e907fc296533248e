using System.Globalization;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>The simulated KV cache: how many blocks of how many tokens; running sequences are preempted when it is full.</summary>
public sealed record KvCacheOptions
{
    /// <summary><c>--block-size</c>: tokens per block.</summary>
    public int BlockSize { get; init; } = 16;

    /// <summary>Blocks in the cache (<c>--num-gpu-blocks-override</c>). Default: room for 64 full-length sequences.</summary>
    public int? NumGpuBlocks { get; init; }

    /// <summary><c>--gpu-memory-utilization</c>, reported in <c>vllm:cache_config_info</c>.</summary>
    public double GpuMemoryUtilization { get; init; } = 0.9;

    /// <summary><c>--enable-prefix-caching</c>: reuse full prompt blocks seen before (hits shorten prefill).</summary>
    public bool EnablePrefixCaching { get; init; } = true;

    /// <summary><c>--kv-cache-dtype</c>, reported in <c>vllm:cache_config_info</c>.</summary>
    public string CacheDtype { get; init; } = "auto";

    public int EffectiveBlocks(int maxModelLen) => NumGpuBlocks ?? Math.Max(1, (int)Math.Min(int.MaxValue, 64L * ((maxModelLen + BlockSize - 1) / BlockSize)));

    internal IEnumerable<string> Validate(int maxModelLen, int gpuBlocks)
    {
        if (BlockSize is < 1 or > 1024)
        {
            yield return $"block-size must be between 1 and 1024, got {BlockSize}.";
            yield break;
        }

        if (NumGpuBlocks is < 1)
        {
            yield return $"num-gpu-blocks must be at least 1, got {NumGpuBlocks}.";
            yield break;
        }

        var capacity = (long)gpuBlocks * BlockSize;
        if (capacity < maxModelLen)
        {
            // vLLM refuses to start when one max-length sequence cannot fit in the cache.
            yield return $"the KV cache holds {capacity} tokens ({gpuBlocks} blocks of {BlockSize}), less than max-model-len {maxModelLen}: raise num-gpu-blocks or lower max-model-len.";
        }

        if (GpuMemoryUtilization is <= 0 or > 1)
        {
            yield return $"gpu-memory-utilization must be in (0, 1], got {GpuMemoryUtilization.ToString(CultureInfo.InvariantCulture)}.";
        }
    }

    /// <summary>Labels of <c>vllm:cache_config_info</c>: CacheConfig fields as Python's <c>str()</c> prints them.</summary>
    public IReadOnlyDictionary<string, string> MetricsInfo(int gpuBlocks)
    {
        static string Py(bool b) => b ? "True" : "False";
        return new SortedDictionary<string, string>(StringComparer.Ordinal)
        {
            ["block_size"] = BlockSize.ToString(CultureInfo.InvariantCulture),
            ["cache_dtype"] = CacheDtype,
            ["calculate_kv_scales"] = "False",
            ["cpu_offload_gb"] = "0",
            ["enable_prefix_caching"] = Py(EnablePrefixCaching),
            ["gpu_memory_utilization"] = GpuMemoryUtilization.ToString("R", CultureInfo.InvariantCulture),
            ["is_attention_free"] = "False",
            ["num_cpu_blocks"] = "None",
            ["num_gpu_blocks"] = gpuBlocks.ToString(CultureInfo.InvariantCulture),
            ["num_gpu_blocks_override"] = NumGpuBlocks?.ToString(CultureInfo.InvariantCulture) ?? "None",
            ["prefix_caching_hash_algo"] = "sha256",
            ["sliding_window"] = "None",
            ["swap_space"] = "4",
        };
    }
}
