using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>
/// Parses a vLLM command line (<c>vllm serve MODEL --port 8000 --served-model-name a b --api-key K --enable-lora
/// --lora-modules name=path …</c>) plus its environment (<c>VLLM_API_KEY</c>, <c>VLLM_ALLOW_RUNTIME_LORA_UPDATING</c>)
/// and fake-llm's own flags (<c>--config</c>, <c>--latency-profile</c>, …) into <see cref="FakeLlmOptions"/>. The same
/// parser serves the standalone program, the AppHost's <c>fake-llm</c> command and the simulated cluster's pods.
/// Precedence: defaults, then the config file, then flags. vLLM flags that do not change the simulation are accepted and
/// ignored; unknown flags are errors (as vLLM's argparse makes them) unless <c>lenient</c>.
/// </summary>
public static class VllmArguments
{
    /// <summary>vLLM flags accepted and ignored, with whether they take a value.</summary>
    private static readonly Dictionary<string, bool> Ignored = new(StringComparer.Ordinal)
    {
        ["--tensor-parallel-size"] = true, ["-tp"] = true, ["--pipeline-parallel-size"] = true, ["-pp"] = true, ["--data-parallel-size"] = true, ["-dp"] = true,
        ["--dtype"] = true, ["--quantization"] = true, ["-q"] = true, ["--download-dir"] = true, ["--load-format"] = true, ["--tokenizer"] = true,
        ["--revision"] = true, ["--tokenizer-revision"] = true, ["--tokenizer-mode"] = true, ["--max-num-batched-tokens"] = true, ["--chat-template"] = true,
        ["--uvicorn-log-level"] = true, ["--swap-space"] = true, ["--tool-call-parser"] = true, ["--tool-parser-plugin"] = true,
        ["--reasoning-parser"] = true, ["--generation-config"] = true, ["--override-generation-config"] = true, ["--limit-mm-per-prompt"] = true,
        ["--distributed-executor-backend"] = true, ["--root-path"] = true, ["--api-server-count"] = true, ["--compilation-config"] = true, ["-O"] = true,
        ["--kv-transfer-config"] = true, ["--hf-overrides"] = true, ["--max-seq-len-to-capture"] = true, ["--cpu-offload-gb"] = true, ["--speculative-config"] = true,
        ["--allowed-local-media-path"] = true, ["--response-role"] = true, ["--lora-dtype"] = true, ["--max-logprobs"] = true, ["--served-model-name-alias"] = true,
        ["--middleware"] = true, ["--ssl-keyfile"] = true, ["--ssl-certfile"] = true, ["--allowed-origins"] = true, ["--allowed-methods"] = true, ["--allowed-headers"] = true,
        ["--trust-remote-code"] = false, ["--enforce-eager"] = false, ["--disable-log-requests"] = false, ["--disable-log-stats"] = false,
        ["--enable-chunked-prefill"] = false, ["--no-enable-chunked-prefill"] = false, ["--disable-frontend-multiprocessing"] = false,
        ["--enable-request-id-headers"] = false, ["--enable-auto-tool-choice"] = false, ["--disable-custom-all-reduce"] = false,
        ["--enable-log-requests"] = false, ["--enable-server-load-tracking"] = false, ["--enable-prompt-tokens-details"] = false,
        ["--enable-force-include-usage"] = false, ["--enable-sleep-mode"] = false, ["--disable-fastapi-docs"] = false, ["--async-scheduling"] = false,
    };

    /// <summary>The options this parser understands, for <c>--help</c>.</summary>
    public static string Help => """
        Usage: fake-llm [MODEL] [options]
               fake-llm serve MODEL [options]          (the vLLM command line works unchanged)

        A simulated vLLM / OpenAI-compatible server: /v1/models, /v1/chat/completions, /v1/completions (streaming
        too), /tokenize, /detokenize, /health, /ping, /version, /load, /metrics, LoRA load/unload, and (with
        --enable-admin) /admin/config. Routes are case-sensitive, as vLLM's are.

        Server
          --host ADDRESS                  address to bind (default 127.0.0.1; 0.0.0.0 in containers)
          --port N                        port (default 8000; 0 picks a free port)
          --api-key KEY [KEY ...]         require "Authorization: Bearer KEY" on /v1, /v2, /inference and /cohere
                                          routes, as vLLM does (or set VLLM_API_KEY); other routes stay open
          --enable-admin                  map GET/POST /admin/config (runtime faults and latency); off by default
          --admin-key KEY [KEY ...]       key(s) for /admin/* (or set FAKE_LLM_ADMIN_KEY); default: the --api-key
                                          keys; with neither, /admin/* is open to anyone who can reach the port
          --config FILE                   YAML or JSON config file (flags override it); see the README
          --startup-duration DURATION     /health answers 503 until then (e.g. 30s)
          --max-request-body-bytes N      larger bodies get 413 (default 16777216)

        Model (vLLM flags)
          --model NAME                    model id (also the first positional argument)
          --served-model-name NAME ...    names clients use; the first labels the metrics
          --max-model-len N               context length (default 8192; 8k/8K forms accepted)
          --max-num-seqs N                sequences running at once (default 256)
          --max-waiting-requests N        queue length before 429 (default 1000)
          --block-size N                  KV-cache block size in tokens (default 16)
          --num-gpu-blocks-override N     KV-cache blocks (default: 64 full-length sequences)
          --gpu-memory-utilization F      reported in vllm:cache_config_info (default 0.9)
          --enable-prefix-caching / --no-enable-prefix-caching
          --kv-cache-dtype NAME           reported in vllm:cache_config_info (default auto)
          --seed N                        server seed for generated text
          --enable-lora                   serve LoRA adapters
          --max-loras N, --max-lora-rank N (defaults 1 and 16, as vLLM)
          --max-cpu-loras N               adapters held at once, static and loaded (default: --max-loras); a load
                                          beyond that is refused with 400
          --lora-root DIR                 runtime-loaded adapter paths must resolve inside DIR and exist there;
                                          unset: paths are labels, refused if they hold '..' or control characters
          --lora-modules NAME=PATH ...    or JSON {"name":…,"path":…,"base_model_name":…}
          --show-hidden-metrics-for-version V   (hidden metrics are shown by default; see --hide-deprecated-metrics)
          Other vLLM flags (--tensor-parallel-size, --dtype, --enforce-eager, …) are accepted and ignored.

        Simulation
          --mode random|echo              made-up words from a seed, or the prompt back (default random)
          --latency-profile NAME          none, fast, l4-8b, a100-8b, l40s-8b, h100-8b (default none)
          --ttft DURATION                 time to first token (e.g. 120ms)
          --itl DURATION                  inter-token latency (e.g. 15ms)
          --prefill-per-token DURATION    extra prefill time per uncached prompt token
          --load-factor F                 slowdown at max-num-seqs running (≥ 1)
          --hide-deprecated-metrics       drop vllm:gpu_cache_usage_perc and other deprecated series
          --vllm-version V                what /version reports (default 0.11.0)

        Environment
          VLLM_API_KEY                    API key when --api-key is not given (never logged)
          FAKE_LLM_ADMIN_KEY              admin key when --admin-key is not given (never logged)
          VLLM_ALLOW_RUNTIME_LORA_UPDATING=true   enables /v1/load_lora_adapter and /v1/unload_lora_adapter

        Exit codes: 0 stopped cleanly, 2 bad arguments or configuration.
        """;

    /// <summary>Parses arguments and environment on top of <paramref name="baseOptions"/> (default: <c>new FakeLlmOptions()</c>).</summary>
    public static VllmArgumentsResult Parse(IReadOnlyList<string> args, IReadOnlyDictionary<string, string?>? environment = null, FakeLlmOptions? baseOptions = null, bool lenient = false)
    {
        ArgumentNullException.ThrowIfNull(args);
        var errors = new List<string>();
        var warnings = new List<string>();
        var flags = new List<(string Name, List<string> Values)>();
        string? positional = null;
        var help = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (i == 0 && arg == "serve")
            {
                continue;
            }

            if (arg is "--help" or "-h")
            {
                help = true;
                continue;
            }

            if (!arg.StartsWith('-') || arg == "-")
            {
                if (positional is null)
                {
                    positional = arg;
                }
                else
                {
                    errors.Add($"unexpected argument '{arg}': only one model may be given positionally.");
                }

                continue;
            }

            var name = arg;
            string? inline = null;
            var eq = arg.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0)
            {
                name = arg[..eq];
                inline = arg[(eq + 1)..];
            }

            var values = new List<string>();
            if (inline is not null)
            {
                values.Add(inline);
            }
            else
            {
                while (i + 1 < args.Count && (!args[i + 1].StartsWith("--", StringComparison.Ordinal) && !(args[i + 1].StartsWith('-') && args[i + 1].Length == 2 && char.IsLetter(args[i + 1][1]))))
                {
                    values.Add(args[++i]);
                    if (!TakesMany(name))
                    {
                        break;
                    }
                }
            }

            flags.Add((name, values));
        }

        var options = baseOptions ?? new FakeLlmOptions();
        var configPath = flags.LastOrDefault(f => f.Name == "--config").Values?.FirstOrDefault();
        if (flags.Any(f => f.Name == "--config") && string.IsNullOrEmpty(configPath))
        {
            errors.Add("--config needs a file path.");
        }
        else if (configPath is not null)
        {
            try
            {
                options = FakeLlmConfigFile.Apply(options, ConfigDocument.Load(configPath));
            }
            catch (FakeLlmConfigException ex)
            {
                errors.AddRange(ex.Errors);
            }
        }

        if (positional is not null)
        {
            options = options with { Model = positional };
        }

        foreach (var (name, values) in flags)
        {
            options = ApplyFlag(options, name, values, errors, warnings, lenient);
        }

        environment ??= new Dictionary<string, string?>();
        if (options.ApiKeys.Count == 0 && environment.TryGetValue("VLLM_API_KEY", out var envKey) && !string.IsNullOrEmpty(envKey))
        {
            options = options with { ApiKeys = [envKey] };
        }

        if (options.AdminKeys.Count == 0 && environment.TryGetValue("FAKE_LLM_ADMIN_KEY", out var envAdminKey) && !string.IsNullOrEmpty(envAdminKey))
        {
            options = options with { AdminKeys = [envAdminKey] };
        }

        if (environment.TryGetValue("VLLM_ALLOW_RUNTIME_LORA_UPDATING", out var allow) && allow is not null)
        {
            options = options with { Lora = options.Lora with { AllowRuntimeUpdating = allow.Trim().ToLowerInvariant() is "true" or "1" } };
        }

        if (errors.Count == 0)
        {
            errors.AddRange(options.Validate());
        }

        return new VllmArgumentsResult(options, errors, warnings, help, configPath);
    }

    private static bool TakesMany(string name) => name is "--served-model-name" or "--api-key" or "--admin-key" or "--lora-modules";

    private static FakeLlmOptions ApplyFlag(FakeLlmOptions o, string name, List<string> values, List<string> errors, List<string> warnings, bool lenient)
    {
        string? One()
        {
            if (values.Count == 1)
            {
                return values[0];
            }

            errors.Add($"{name} needs exactly one value.");
            return null;
        }

        int? Int()
        {
            if (One() is not { } text)
            {
                return null;
            }

            if (ConfigValues.TryInt(text, out var v))
            {
                return v;
            }

            errors.Add($"{name} must be a whole number, got '{text}'.");
            return null;
        }

        double? Double()
        {
            if (One() is not { } text)
            {
                return null;
            }

            if (ConfigValues.TryDouble(text, out var v))
            {
                return v;
            }

            errors.Add($"{name} must be a number, got '{text}'.");
            return null;
        }

        TimeSpan? Duration()
        {
            if (One() is not { } text)
            {
                return null;
            }

            if (ConfigValues.TryDuration(text, out var v))
            {
                return v;
            }

            errors.Add($"{name} must be a duration such as 250ms or 2s, got '{text}'.");
            return null;
        }

        bool Flag()
        {
            if (values.Count == 0)
            {
                return true;
            }

            if (values.Count == 1 && ConfigValues.TryBool(values[0], out var b))
            {
                return b;
            }

            errors.Add($"{name} takes no value (got '{string.Join(' ', values)}').");
            return true;
        }

        switch (name)
        {
            case "--config":
                return o;
            case "--host":
                return One() is { } host ? o with { Host = host } : o;
            case "--port":
                return Int() is { } port ? o with { Port = port } : o;
            case "--model":
                return One() is { } model ? o with { Model = model } : o;
            case "--served-model-name":
                if (values.Count == 0)
                {
                    errors.Add("--served-model-name needs at least one name.");
                    return o;
                }

                return o with { ServedModelNames = values };
            case "--api-key":
                if (values.Count == 0)
                {
                    errors.Add("--api-key needs a value.");
                    return o;
                }

                return o with { ApiKeys = values };
            case "--max-num-seqs":
                return Int() is { } seqs ? o with { MaxNumSeqs = seqs } : o;
            case "--max-model-len":
                return Int() is { } len ? o with { MaxModelLen = len } : o;
            case "--max-waiting-requests":
                return Int() is { } waiting ? o with { MaxWaitingRequests = waiting } : o;
            case "--max-request-body-bytes":
                return Int() is { } bytes ? o with { MaxRequestBodyBytes = bytes } : o;
            case "--startup-duration":
                return Duration() is { } startup ? o with { StartupDuration = startup } : o;
            case "--block-size":
                return Int() is { } block ? o with { KvCache = o.KvCache with { BlockSize = block } } : o;
            case "--num-gpu-blocks-override":
                return Int() is { } blocks ? o with { KvCache = o.KvCache with { NumGpuBlocks = blocks } } : o;
            case "--gpu-memory-utilization":
                return Double() is { } util ? o with { KvCache = o.KvCache with { GpuMemoryUtilization = util } } : o;
            case "--enable-prefix-caching":
                return o with { KvCache = o.KvCache with { EnablePrefixCaching = Flag() } };
            case "--no-enable-prefix-caching":
                return o with { KvCache = o.KvCache with { EnablePrefixCaching = !Flag() } };
            case "--kv-cache-dtype":
                return One() is { } dtype ? o with { KvCache = o.KvCache with { CacheDtype = dtype } } : o;
            case "--seed":
                return Int() is { } seed ? o with { Generation = o.Generation with { Seed = seed } } : o;
            case "--enable-lora":
                return o with { Lora = o.Lora with { Enabled = Flag() } };
            case "--max-loras":
                return Int() is { } loras ? o with { Lora = o.Lora with { MaxLoras = loras } } : o;
            case "--max-cpu-loras":
                return Int() is { } cpuLoras ? o with { Lora = o.Lora with { MaxCpuLoras = cpuLoras } } : o;
            case "--lora-root":
                return One() is { } loraRoot ? o with { Lora = o.Lora with { Root = loraRoot } } : o;
            case "--enable-admin":
                return o with { EnableAdmin = Flag() };
            case "--admin-key":
                if (values.Count == 0)
                {
                    errors.Add("--admin-key needs a value.");
                    return o;
                }

                return o with { AdminKeys = values };
            case "--max-lora-rank":
                return Int() is { } rank ? o with { Lora = o.Lora with { MaxLoraRank = rank } } : o;
            case "--lora-modules":
                return o with { Lora = o.Lora with { Modules = [.. o.Lora.Modules, .. values.Select(v => LoraModuleOf(v, errors)).OfType<LoraModule>()] } };
            case "--show-hidden-metrics-for-version":
                One();
                return o with { ShowHiddenMetrics = true };
            case "--hide-deprecated-metrics":
                return o with { ShowHiddenMetrics = !Flag() };
            case "--vllm-version":
                return One() is { } version ? o with { VllmVersion = version } : o;
            case "--mode":
                return One() switch
                {
                    null => o,
                    "random" => o with { Generation = o.Generation with { Mode = GenerationMode.Random } },
                    "echo" => o with { Generation = o.Generation with { Mode = GenerationMode.Echo } },
                    var other => Error(o, errors, $"--mode must be 'random' or 'echo', got '{other}'."),
                };
            case "--latency-profile":
                if (One() is not { } profileName)
                {
                    return o;
                }

                return LatencyProfiles.TryGet(profileName, out var profile)
                    ? o with { Latency = profile }
                    : Error(o, errors, $"unknown latency profile '{profileName}'; known: {string.Join(", ", LatencyProfiles.Names)}.");
            case "--ttft":
                return Duration() is { } ttft ? o with { Latency = o.Latency with { TimeToFirstToken = ttft } } : o;
            case "--itl":
                return Duration() is { } itl ? o with { Latency = o.Latency with { InterTokenLatency = itl } } : o;
            case "--prefill-per-token":
                return Duration() is { } prefill ? o with { Latency = o.Latency with { PrefillPerToken = prefill } } : o;
            case "--load-factor":
                return Double() is { } factor ? o with { Latency = o.Latency with { LoadFactor = factor } } : o;
        }

        if (Ignored.TryGetValue(name, out var takesValue))
        {
            if (!takesValue && values.Count > 0 && !(values.Count == 1 && ConfigValues.TryBool(values[0], out _)))
            {
                errors.Add($"{name} takes no value (got '{string.Join(' ', values)}').");
            }

            return o;
        }

        var message = $"unrecognized argument '{name}'; run fake-llm --help for the options.";
        if (lenient)
        {
            warnings.Add(message + " (ignored)");
        }
        else
        {
            errors.Add(message);
        }

        return o;
    }

    private static LoraModule? LoraModuleOf(string text, List<string> errors)
    {
        if (text.TrimStart().StartsWith('{'))
        {
            try
            {
                using var doc = JsonDocument.Parse(text);
                var root = doc.RootElement;
                string? Get(string key) => root.TryGetProperty(key, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
                return new LoraModule(Get("name") ?? string.Empty, Get("path") ?? string.Empty, Get("base_model_name"));
            }
            catch (JsonException ex)
            {
                errors.Add($"--lora-modules entry is not valid JSON ({ex.Message}); use name=path or {{\"name\":…,\"path\":…}}.");
                return null;
            }
        }

        var eq = text.IndexOf('=', StringComparison.Ordinal);
        if (eq <= 0)
        {
            errors.Add($"--lora-modules entry '{text}' must be name=path or JSON.");
            return null;
        }

        return new LoraModule(text[..eq], text[(eq + 1)..]);
    }

    private static FakeLlmOptions Error(FakeLlmOptions o, List<string> errors, string message)
    {
        errors.Add(message);
        return o;
    }
}

/// <summary>The parse result: options (valid when <see cref="Errors"/> is empty), warnings, and whether help was asked for.</summary>
public sealed record VllmArgumentsResult(FakeLlmOptions Options, IReadOnlyList<string> Errors, IReadOnlyList<string> Warnings, bool ShowHelp, string? ConfigPath)
{
    public bool Succeeded => Errors.Count == 0;
}
