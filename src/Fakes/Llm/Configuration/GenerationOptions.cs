namespace PlatformValidation.Fakes.Llm.Configuration;

/// <summary>How completions are made up.</summary>
public sealed record GenerationOptions
{
    /// <summary><c>random</c>: seeded pseudo-random words; <c>echo</c>: the last user message (or prompt) back.</summary>
    public GenerationMode Mode { get; init; } = GenerationMode.Random;

    /// <summary>Server seed used when a request sets none (<c>--seed</c>); null: every request differs.</summary>
    public int? Seed { get; init; }

    /// <summary>Length range of a random completion when the request does not force one (before max_tokens caps it).</summary>
    public int MinResponseTokens { get; init; } = 16;

    public int MaxResponseTokens { get; init; } = 64;

    internal IEnumerable<string> Validate()
    {
        if (MinResponseTokens < 1 || MaxResponseTokens < MinResponseTokens)
        {
            yield return $"response length range {MinResponseTokens}..{MaxResponseTokens} is invalid: min ≥ 1 and max ≥ min.";
        }
    }
}

/// <summary>Output mode.</summary>
public enum GenerationMode
{
    Random,
    Echo,
}
