using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Engine;
using PlatformValidation.Fakes.Llm.Faults;
using PlatformValidation.Fakes.Llm.Latency;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary><c>POST /v1/chat/completions</c> and <c>POST /v1/completions</c>.</summary>
public static class GenerationEndpoints
{
    public static async Task HandleAsync(HttpContext context, LlmEngine engine, ApiKind kind)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(engine);
        var arrival = engine.Time.GetUtcNow();
        var aborted = context.RequestAborted;
        GenerationRequest request;
        string model;
        IReadOnlyList<ChoicePlan> choices;
        FaultPlan faults;
        Lora.LoadedLora? lora;
        try
        {
            var body = await HttpIo.ReadBodyAsync(context, engine.Options.MaxRequestBodyBytes, aborted);
            using var document = RequestParser.ParseJson(body);
            request = RequestParser.Parse(kind, document.RootElement, engine.Tokenizer, engine.Options.MaxModelLen);
            (model, lora) = engine.ResolveModel(request.Model);
            faults = FaultPlan.Decide(engine.Faults, context.Request.Headers, engine.RollFault);
            if (faults.ErrorStatus is { } status)
            {
                engine.Log.Warning($"Injected fault: answering {status}.");
                throw ApiError.ForStatus(status, $"{ApiError.Phrase(status)} (injected by the fake-llm fault configuration).");
            }

            choices = GenerationPlanner.Plan(request, engine.Options.Generation, engine.Options.MaxModelLen, engine.ServerRandom);
        }
        catch (ApiError error)
        {
            await HttpIo.WriteErrorAsync(context, error);
            return;
        }

        var id = (kind == ApiKind.Chat ? "chatcmpl-" : "cmpl-") + Guid.NewGuid().ToString("N");
        var created = arrival.ToUnixTimeSeconds();
        IGenerationSink sink = request.Stream
            ? new StreamingSink(context, request, choices, id, created, model)
            : new BufferedSink(context, request, choices, id, created, model);
        try
        {
            await new GenerationRun(engine, request, choices, faults, lora).ExecuteAsync(sink, arrival, aborted);
        }
        catch (QueueFullException full)
        {
            engine.Log.Warning($"Waiting queue full ({full.Capacity}); answered 429.");
            await HttpIo.WriteErrorAsync(context, ApiError.ForStatus(429, full.Message));
        }
        catch (OperationCanceledException) when (aborted.IsCancellationRequested)
        {
            // The client went away while waiting; nothing to answer.
        }
    }
}
