using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>Which OpenAI route a generation came through.</summary>
public enum ApiKind
{
    Chat,
    Completion,
}

/// <summary>A validated chat or completion request, reduced to what generation needs.</summary>
public sealed record GenerationRequest
{
    public required ApiKind Kind { get; init; }

    public string? Model { get; init; }

    /// <summary>One entry per prompt (chat: one; completions: one per prompt in a batch).</summary>
    public required IReadOnlyList<PromptInput> Prompts { get; init; }

    public int N { get; init; } = 1;

    /// <summary>max_tokens / max_completion_tokens as sent; null = up to the context limit.</summary>
    public int? MaxTokens { get; init; }

    public int MinTokens { get; init; }

    public IReadOnlyList<string> Stop { get; init; } = [];

    public double? Temperature { get; init; }

    public long? Seed { get; init; }

    public bool Stream { get; init; }

    public bool IncludeUsage { get; init; }

    public bool ContinuousUsage { get; init; }

    public bool IgnoreEos { get; init; }

    /// <summary>Number of top logprobs per token; null = no logprobs.</summary>
    public int? Logprobs { get; init; }

    /// <summary>Completions: prepend the prompt to the text. Chat: prepend the last message when it is the assistant's.</summary>
    public bool Echo { get; init; }

    public IReadOnlyList<ToolDefinition> Tools { get; init; } = [];

    public ToolChoice ToolChoice { get; init; } = ToolChoice.None;

    /// <summary>Name of the function when <see cref="ToolChoice"/> is <see cref="ToolChoice.Named"/>.</summary>
    public string? NamedTool { get; init; }

    /// <summary>The conversation ends with a tool result (so <c>auto</c> answers in text).</summary>
    public bool EndsWithToolResult { get; init; }
}

/// <summary>A prompt's token ids, its text (for echo), and what echo mode repeats.</summary>
public sealed record PromptInput(IReadOnlyList<int> TokenIds, string Text, string EchoSource);

/// <summary>A function tool offered to the model.</summary>
public sealed record ToolDefinition(string Name, string? Description, JsonElement Parameters);

/// <summary>tool_choice.</summary>
public enum ToolChoice
{
    None,
    Auto,
    Required,
    Named,
}
