using System.Text;

namespace PlatformValidation.Fakes.Llm.Generation;

/// <summary>
/// Renders a conversation the way Llama 3's chat template does, so prompt token counts include the template:
/// <c>&lt;|begin_of_text|&gt;</c>, then per message <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;</c>,
/// then an open assistant header when a generation prompt is asked for. Tool definitions go into the system turn as JSON.
/// </summary>
public static class ChatTemplate
{
    /// <summary>The roles of OpenAI's chat message types, which the fake's template renders.</summary>
    public static readonly IReadOnlyList<string> Roles = ["system", "developer", "user", "assistant", "tool", "function"];

    /// <summary>
    /// Why the template refuses <paramref name="messages"/>, or null. vLLM's request schema admits any role string
    /// (<c>CustomChatCompletionMessageParam</c>) and any number of messages; what refuses them is the model's Jinja chat
    /// template, and vLLM answers a template error as 400 <c>BadRequestError</c> with the template's message
    /// (<c>create_error_response</c>). An empty conversation fails in every common template on <c>messages[0]</c>
    /// (Jinja: <c>list object has no element 0</c>); roles outside <see cref="Roles"/> are refused as strict templates
    /// (Mistral, Gemma, …) refuse them, since a made-up role is nearly always a client bug.
    /// </summary>
    public static string? Refusal(IReadOnlyList<ChatMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        if (messages.Count == 0)
        {
            return "list object has no element 0";
        }

        for (var i = 0; i < messages.Count; i++)
        {
            if (!Roles.Contains(messages[i].Role, StringComparer.Ordinal))
            {
                var role = messages[i].Role.Length > 64 ? messages[i].Role[..64] + "…" : messages[i].Role;
                return $"Unexpected message role '{role}' in messages[{i}]: the chat template accepts {string.Join(", ", Roles.SkipLast(1))} and {Roles[^1]}.";
            }
        }

        return null;
    }

    public static string Render(IReadOnlyList<ChatMessage> messages, string? toolsJson, bool addGenerationPrompt)
    {
        ArgumentNullException.ThrowIfNull(messages);
        var sb = new StringBuilder();
        sb.Append(Tokenizer.BeginOfText);
        if (toolsJson is not null)
        {
            Turn(sb, "system", "You may call these tools:\n" + toolsJson);
        }

        foreach (var message in messages)
        {
            Turn(sb, message.Role, message.Content ?? message.ToolCallsText ?? string.Empty);
        }

        if (addGenerationPrompt)
        {
            sb.Append(Tokenizer.StartHeader).Append("assistant").Append(Tokenizer.EndHeader).Append("\n\n");
        }

        return sb.ToString();
    }

    /// <summary>Token ids of a rendered template: special markers are one token each, the rest goes through the tokenizer.</summary>
    public static List<int> Encode(Tokenizer tokenizer, string rendered)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        ArgumentNullException.ThrowIfNull(rendered);
        var ids = new List<int>();
        var position = 0;
        while (position < rendered.Length)
        {
            var next = rendered.IndexOf("<|", position, StringComparison.Ordinal);
            var end = next < 0 ? -1 : rendered.IndexOf("|>", next, StringComparison.Ordinal);
            if (next < 0 || end < 0)
            {
                ids.AddRange(tokenizer.Encode(rendered[position..]));
                break;
            }

            var marker = rendered[next..(end + 2)];
            if (marker is Tokenizer.BeginOfText or Tokenizer.StartHeader or Tokenizer.EndHeader or Tokenizer.EndOfTurn)
            {
                ids.AddRange(tokenizer.Encode(rendered[position..next]));
                ids.Add(Tokenizer.SpecialId(marker));
                position = end + 2;
            }
            else
            {
                ids.AddRange(tokenizer.Encode(rendered[position..(next + 2)]));
                position = next + 2;
            }
        }

        return ids;
    }

    private static void Turn(StringBuilder sb, string role, string content) =>
        sb.Append(Tokenizer.StartHeader).Append(role).Append(Tokenizer.EndHeader).Append("\n\n").Append(content).Append(Tokenizer.EndOfTurn);
}

/// <summary>One chat message as the template sees it.</summary>
public sealed record ChatMessage(string Role, string? Content, string? ToolCallsText = null);
