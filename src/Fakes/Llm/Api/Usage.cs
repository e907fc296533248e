using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>OpenAI usage block.</summary>
public readonly record struct Usage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;

    public void Write(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject("usage");
        writer.WriteNumber("prompt_tokens", PromptTokens);
        writer.WriteNumber("total_tokens", TotalTokens);
        writer.WriteNumber("completion_tokens", CompletionTokens);
        writer.WriteNull("prompt_tokens_details");
        writer.WriteEndObject();
    }
}
