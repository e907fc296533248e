using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>Server-sent events as vLLM sends them: <c>data: {json}\n\n</c> per chunk, <c>data: [DONE]\n\n</c> last.</summary>
public sealed class StreamingSink(HttpContext context, GenerationRequest request, IReadOnlyList<ChoicePlan> choices, string id, long created, string model) : IGenerationSink
{
    private static readonly byte[] DataPrefix = "data: "u8.ToArray();
    private static readonly byte[] EventEnd = "\n\n"u8.ToArray();
    private static readonly byte[] Done = "data: [DONE]\n\n"u8.ToArray();
    private readonly int promptTokens = request.Prompts.Sum(p => p.TokenIds.Count);
    private readonly MemoryStream pending = new();

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/event-stream; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        if (request.Kind == ApiKind.Chat)
        {
            foreach (var choice in choices)
            {
                Event(ResponseJson.Build(w => ResponseJson.ChatRoleChunk(w, id, created, model, choice.Index, request.ContinuousUsage ? new Usage(promptTokens, 0) : null)));
            }
        }

        await FlushAsync(cancellationToken);
    }

    public async Task TokensAsync(int step, IReadOnlyList<ChoicePlan> emitting, CancellationToken cancellationToken)
    {
        foreach (var choice in emitting)
        {
            var last = step == choice.TokenCount - 1;
            Usage? usage = request.ContinuousUsage ? new Usage(promptTokens, step + 1) : null;
            Event(ResponseJson.Build(w =>
            {
                if (request.Kind == ApiKind.Chat)
                {
                    ResponseJson.ChatTokenChunk(w, id, created, model, choice, step, last, usage);
                }
                else
                {
                    ResponseJson.CompletionTokenChunk(w, id, created, model, choice, step, last, usage);
                }
            }));
        }

        await FlushAsync(cancellationToken);
    }

    public async Task FinishAsync(CancellationToken cancellationToken)
    {
        if (request.IncludeUsage)
        {
            var usage = new Usage(promptTokens, choices.Sum(c => c.TokenCount));
            var objectName = request.Kind == ApiKind.Chat ? "chat.completion.chunk" : "text_completion";
            Event(ResponseJson.Build(w => ResponseJson.UsageChunk(w, id, objectName, created, model, usage)));
        }

        pending.Write(Done);
        await FlushAsync(cancellationToken);
    }

    public void Abort() => context.Abort();

    private void Event(byte[] json)
    {
        pending.Write(DataPrefix);
        pending.Write(json);
        pending.Write(EventEnd);
    }

    private async Task FlushAsync(CancellationToken cancellationToken)
    {
        if (pending.Length > 0)
        {
            await context.Response.Body.WriteAsync(pending.GetBuffer().AsMemory(0, (int)pending.Length), cancellationToken);
            pending.SetLength(0);
        }

        await context.Response.Body.FlushAsync(cancellationToken);
    }

}

/// <summary>A whole response written once generation ends.</summary>
public sealed class BufferedSink(HttpContext context, GenerationRequest request, IReadOnlyList<ChoicePlan> choices, string id, long created, string model) : IGenerationSink
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task TokensAsync(int step, IReadOnlyList<ChoicePlan> emitting, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task FinishAsync(CancellationToken cancellationToken)
    {
        var usage = new Usage(request.Prompts.Sum(p => p.TokenIds.Count), choices.Sum(c => c.TokenCount));
        return HttpIo.WriteJsonAsync(context, 200, w =>
        {
            if (request.Kind == ApiKind.Chat)
            {
                ResponseJson.ChatCompletion(w, id, created, model, choices, usage);
            }
            else
            {
                ResponseJson.Completion(w, id, created, model, choices, usage);
            }
        });
    }

    public void Abort() => context.Abort();
}
