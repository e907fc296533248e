namespace PlatformValidation.Fakes.Llm.Engine;

/// <summary>
/// What one choice will produce: its pieces (text tokens, or a tool call's argument JSON split into tokens), the number
/// of tokens it costs, why it ends, and made-up logprobs when asked for.
/// </summary>
public sealed record ChoicePlan
{
    public required int Index { get; init; }

    /// <summary>Index of the prompt this choice answers (completions batches).</summary>
    public int PromptIndex { get; init; }

    public required IReadOnlyList<string> Pieces { get; init; }

    public required int TokenCount { get; init; }

    public required string FinishReason { get; init; }

    public string? StopReason { get; init; }

    /// <summary>Set when the choice is a tool call: the pieces are its arguments.</summary>
    public ToolCallPlan? ToolCall { get; init; }

    /// <summary>Per piece: the logprob and top alternatives (null when not requested).</summary>
    public IReadOnlyList<TokenLogprob>? Logprobs { get; init; }

    /// <summary>Text prepended for echo (completions) — not generated, not counted as completion tokens.</summary>
    public string EchoPrefix { get; init; } = string.Empty;

    public string Text => string.Concat(Pieces);
}

/// <summary>A tool call: id, function name and arguments JSON.</summary>
public sealed record ToolCallPlan(string Id, string Name, string Arguments, bool AutoCalled);

/// <summary>A token's logprob and the top alternatives.</summary>
public sealed record TokenLogprob(string Token, double Logprob, IReadOnlyList<(string Token, double Logprob)> Top);
