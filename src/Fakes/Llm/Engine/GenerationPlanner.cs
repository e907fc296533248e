using System.Text.Json;
using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Generation;

namespace PlatformValidation.Fakes.Llm.Engine;

/// <summary>
/// Decides every choice of a request up front (the timeline then paces it): text from <see cref="TextGenerator"/> or a
/// tool call from <see cref="ToolArgumentGenerator"/>. <c>tool_choice</c>: <c>required</c> and named always call
/// (named ends with <c>stop</c>, required with <c>tool_calls</c>, as vLLM and OpenAI do); <c>auto</c> calls a tool unless
/// the conversation ends with a tool result, then answers in text.
/// </summary>
public static class GenerationPlanner
{
    public static IReadOnlyList<ChoicePlan> Plan(GenerationRequest request, GenerationOptions generation, int maxModelLen, Random serverRandom)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(generation);
        ArgumentNullException.ThrowIfNull(serverRandom);
        var plans = new List<ChoicePlan>(request.Prompts.Count * request.N);
        for (var p = 0; p < request.Prompts.Count; p++)
        {
            var prompt = request.Prompts[p];
            var random = RandomFor(request, generation, prompt, p, serverRandom);
            var maxTokens = request.MaxTokens ?? Math.Max(1, maxModelLen - prompt.TokenIds.Count);
            for (var i = 0; i < request.N; i++)
            {
                var index = p * request.N + i;
                var natural = random.Next(generation.MinResponseTokens, generation.MaxResponseTokens + 1);
                var tool = PickTool(request, random);
                ChoicePlan plan;
                if (tool is not null)
                {
                    var arguments = tool.Parameters.ValueKind == JsonValueKind.Object
                        ? ToolArgumentGenerator.Generate(tool.Parameters, random)?.ToJsonString() ?? "{}"
                        : "{}";
                    var pieces = Tokenizer.Pieces(arguments);
                    var finish = request.ToolChoice == ToolChoice.Named ? "stop" : "tool_calls";
                    if (pieces.Count > maxTokens)
                    {
                        pieces = [.. pieces.Take(maxTokens)];
                        finish = "length";
                    }

                    plan = new ChoicePlan
                    {
                        Index = index,
                        PromptIndex = p,
                        Pieces = pieces,
                        TokenCount = pieces.Count,
                        FinishReason = finish,
                        ToolCall = new ToolCallPlan("chatcmpl-tool-" + Hex(random), tool.Name, string.Concat(pieces), request.ToolChoice == ToolChoice.Auto),
                    };
                }
                else
                {
                    var text = TextGenerator.Generate(generation.Mode, prompt.EchoSource, random, natural, new GenerationLimits(maxTokens, request.MinTokens, request.IgnoreEos, request.Stop));
                    plan = new ChoicePlan
                    {
                        Index = index,
                        PromptIndex = p,
                        Pieces = text.Pieces,
                        TokenCount = text.TokenCount,
                        FinishReason = text.FinishReason,
                        StopReason = text.StopReason,
                        EchoPrefix = request.Echo ? prompt.Text : string.Empty,
                    };
                }

                if (request.Logprobs is { } top)
                {
                    plan = plan with { Logprobs = Logprobs(plan.Pieces, top, random) };
                }

                plans.Add(plan);
            }
        }

        return plans;
    }

    private static ToolDefinition? PickTool(GenerationRequest request, Random random)
    {
        if (request.Kind != ApiKind.Chat || request.Tools.Count == 0)
        {
            return null;
        }

        return request.ToolChoice switch
        {
            ToolChoice.Named => request.Tools.First(t => t.Name == request.NamedTool),
            ToolChoice.Required => request.Tools[random.Next(request.Tools.Count)],
            ToolChoice.Auto when !request.EndsWithToolResult => request.Tools[random.Next(request.Tools.Count)],
            _ => null,
        };
    }

    private static Random RandomFor(GenerationRequest request, GenerationOptions generation, PromptInput prompt, int promptIndex, Random serverRandom)
    {
        if (request.Seed is { } seed)
        {
            return new Random(unchecked((int)seed ^ (int)(seed >> 32) ^ promptIndex));
        }

        if (request.Temperature == 0)
        {
            // Greedy decoding is deterministic: the same prompt gives the same answer.
            var hash = 17;
            foreach (var id in prompt.TokenIds)
            {
                hash = unchecked(hash * 31 + id);
            }

            return new Random(hash);
        }

        if (generation.Seed is { } serverSeed)
        {
            lock (serverRandom)
            {
                return new Random(serverRandom.Next());
            }
        }

        return new Random(Random.Shared.Next());
    }

    private static List<TokenLogprob> Logprobs(IReadOnlyList<string> pieces, int top, Random random)
    {
        var result = new List<TokenLogprob>(pieces.Count);
        foreach (var piece in pieces)
        {
            var logprob = -Math.Round(random.NextDouble() * 1.5, 4);
            var alternatives = new List<(string, double)> { (piece, logprob) };
            var next = logprob;
            while (alternatives.Count < top)
            {
                next -= Math.Round(0.5 + random.NextDouble() * 2, 4);
                var word = " " + Lexicon.Words[random.Next(Lexicon.Words.Length)];
                if (alternatives.All(a => a.Item1 != word))
                {
                    alternatives.Add((word, next));
                }
            }

            result.Add(new TokenLogprob(piece, logprob, top == 0 ? [] : alternatives));
        }

        return result;
    }

    private static string Hex(Random random)
    {
        Span<byte> bytes = stackalloc byte[16];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
