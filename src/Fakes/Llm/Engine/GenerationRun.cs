using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Faults;
using PlatformValidation.Fakes.Llm.Latency;
using PlatformValidation.Fakes.Llm.Lora;

namespace PlatformValidation.Fakes.Llm.Engine;

/// <summary>
/// Runs one request on the engine's timeline: wait for a slot (or 429 when the queue is full), prefill (time to first
/// token, shortened by prefix-cache hits), then one token per inter-token latency for every choice, growing the KV cache
/// as it goes (and waiting again when preempted), honouring the request's faults, and recording vLLM's metrics as a
/// real engine does: gauges while it runs, counters per token, histograms when it finishes or aborts.
/// </summary>
public sealed class GenerationRun(LlmEngine engine, GenerationRequest request, IReadOnlyList<ChoicePlan> choices, FaultPlan faults, LoadedLora? lora)
{
    private readonly TimeProvider time = engine.Time;

    public async Task ExecuteAsync(IGenerationSink sink, DateTimeOffset arrival, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(sink);
        var promptTokens = request.Prompts.Sum(p => p.TokenIds.Count);
        var group = new SequenceGroup(promptTokens, choices.Count);
        var metrics = engine.Metrics;
        var finished = false;
        var started = false;
        var loraWaiting = false;
        var loraRunning = false;
        if (lora is not null)
        {
            engine.Lora.MarkWaiting(lora.Name, 1);
            loraWaiting = true;
        }

        try
        {
            await engine.Scheduler.AdmitAsync(group, cancellationToken);
            var scheduled = time.GetUtcNow();
            if (lora is not null)
            {
                engine.Lora.MarkWaiting(lora.Name, -1);
                loraWaiting = false;
                engine.Lora.MarkRunning(lora.Name, 1);
                loraRunning = true;
            }

            var cached = 0;
            if (engine.PrefixCache is { } cache)
            {
                foreach (var prompt in request.Prompts)
                {
                    cached += cache.LookupAndInsert(prompt.TokenIds);
                }
            }

            metrics.PrefixCache(promptTokens, cached);
            var latency = engine.Latency;
            var load = LatencySampler.LoadFactor(latency, engine.Scheduler.RunningSequences, engine.Options.MaxNumSeqs);
            var ttft = engine.Sampler.TimeToFirstToken(latency, promptTokens - cached, load) + faults.AddedLatency;
            started = true;
            await sink.StartAsync(cancellationToken);
            var next = scheduled + ttft;
            await DelayUntil(next, cancellationToken);

            var firstToken = time.GetUtcNow();
            metrics.PromptTokens.Inc(promptTokens);
            metrics.PromptTokensComputed.Inc(promptTokens - cached);
            metrics.PromptTokensCacheHit.Inc(cached);
            metrics.PromptTokensCached.Inc(cached);
            var ttftSeconds = (firstToken - arrival).TotalSeconds;
            foreach (var _ in choices)
            {
                metrics.TimeToFirstToken.Observe(ttftSeconds);
            }

            var steps = choices.Max(c => c.TokenCount);
            var emitting = new List<ChoicePlan>(choices.Count);
            var last = firstToken;
            for (var step = 0; step < steps; step++)
            {
                if (step > 0)
                {
                    var preemptionsBefore = group.Preemptions;
                    while (!engine.Scheduler.Grow(group, step + 1))
                    {
                        await engine.Scheduler.ReadmitAsync(group, cancellationToken);
                    }

                    latency = engine.Latency;
                    load = LatencySampler.LoadFactor(latency, engine.Scheduler.RunningSequences, engine.Options.MaxNumSeqs);
                    if (group.Preemptions != preemptionsBefore)
                    {
                        // A preempted sequence recomputes its prompt and what it generated so far.
                        next = time.GetUtcNow() + engine.Sampler.TimeToFirstToken(latency, promptTokens + step, load);
                    }

                    next += engine.Sampler.InterToken(latency, load);
                    await DelayUntil(next, cancellationToken);
                }

                if (faults.StallAfterTokens == step)
                {
                    engine.Log.Warning($"Injected fault: stalling request after {step} tokens.");
                    await Task.Delay(faults.StallDuration, time, cancellationToken);
                    sink.Abort();
                    return;
                }

                if (faults.DropAfterTokens == step)
                {
                    engine.Log.Warning($"Injected fault: dropping the connection after {step} tokens.");
                    sink.Abort();
                    return;
                }

                emitting.Clear();
                foreach (var choice in choices)
                {
                    if (step < choice.TokenCount)
                    {
                        emitting.Add(choice);
                    }
                }

                var now = time.GetUtcNow();
                if (step > 0)
                {
                    var itl = (now - last).TotalSeconds;
                    foreach (var _ in emitting)
                    {
                        metrics.InterToken(itl);
                    }
                }

                last = now;
                metrics.GenerationTokens.Inc(emitting.Count);
                engine.AddIterationTokens(emitting.Count + (step == 0 ? promptTokens - cached : 0));
                await sink.TokensAsync(step, emitting, cancellationToken);
            }

            var end = time.GetUtcNow();
            finished = true;
            RecordFinished(arrival, scheduled, firstToken, end, group, promptTokens, cached);
            await sink.FinishAsync(cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            if (!finished)
            {
                foreach (var _ in choices)
                {
                    metrics.Success("abort").Inc();
                }
            }

            if (!started)
            {
                throw;
            }
        }
        finally
        {
            engine.Scheduler.Release(group);
            if (lora is not null && loraWaiting)
            {
                engine.Lora.MarkWaiting(lora.Name, -1);
            }

            if (lora is not null && loraRunning)
            {
                engine.Lora.MarkRunning(lora.Name, -1);
            }
        }
    }

    private void RecordFinished(DateTimeOffset arrival, DateTimeOffset scheduled, DateTimeOffset firstToken, DateTimeOffset end, SequenceGroup group, int promptTokens, int cached)
    {
        var m = engine.Metrics;
        var queue = (scheduled - arrival).TotalSeconds;
        var prefill = (firstToken - scheduled).TotalSeconds;
        var decode = (end - firstToken).TotalSeconds;
        var inference = (end - scheduled).TotalSeconds;
        var e2e = (end - arrival).TotalSeconds;
        foreach (var choice in choices)
        {
            var prompt = request.Prompts[choice.PromptIndex].TokenIds.Count;
            m.Success(choice.FinishReason == "tool_calls" ? "stop" : choice.FinishReason).Inc();
            m.E2eLatency.Observe(e2e);
            m.QueueTime.Observe(queue);
            m.PrefillTime.Observe(prefill);
            m.DecodeTime.Observe(decode);
            m.InferenceTime.Observe(inference);
            m.PromptTokensPerRequest.Observe(prompt);
            m.GenerationTokensPerRequest.Observe(choice.TokenCount);
            m.ParamsN.Observe(request.N);
            m.MaxGenerationTokens.Observe(request.MaxTokens ?? Math.Max(1, engine.Options.MaxModelLen - prompt));
            if (request.MaxTokens is { } maxTokens)
            {
                m.ParamsMaxTokens.Observe(maxTokens);
            }

            if (choice.TokenCount > 1)
            {
                m.RequestTimePerOutputToken.Observe(decode / (choice.TokenCount - 1));
            }

            m.PrefillKvComputed.Observe(Math.Max(0, prompt - (promptTokens == 0 ? 0 : cached * prompt / promptTokens)));
            m.PreemptionsPerRequest.Observe(group.Preemptions);
        }
    }

    private async Task DelayUntil(DateTimeOffset deadline, CancellationToken cancellationToken)
    {
        var wait = deadline - time.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, time, cancellationToken);
        }
        else
        {
            cancellationToken.ThrowIfCancellationRequested();
        }
    }
}
