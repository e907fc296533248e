using System.Globalization;
using System.Text;
using System.Text.Json;
using PlatformValidation.Fakes.Llm.Generation;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// Turns a chat or completion body into a <see cref="GenerationRequest"/>, raising <see cref="ApiError"/> exactly where
/// vLLM rejects a request: pydantic type errors (400 <c>Bad Request</c>, param <c>body.field</c>), then sampling and
/// context checks (400 <c>BadRequestError</c>).
/// </summary>
public static class RequestParser
{
    public static JsonDocument ParseJson(ReadOnlyMemory<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 128 });
        }
        catch (JsonException ex)
        {
            var position = (int)Math.Min(int.MaxValue, ex.BytePositionInLine ?? 0);
            throw ApiError.Validation([new ValidationIssue("json_invalid", ["body", position], "JSON decode error", null, ex.Message.Split(" LineNumber", 2)[0])]);
        }

        if (FindInvalidString(body.Span) is { } offset)
        {
            document.Dispose();
            throw ApiError.Validation([new ValidationIssue("string_unicode", ["body", (int)Math.Min(int.MaxValue, offset)], "Input should be a valid string, unable to parse raw data as a unicode string", null)]);
        }

        return document;
    }

    /// <summary>
    /// The byte offset of the first string or property name whose escapes make invalid UTF-16 (a lone surrogate such as
    /// <c>"\udfff"</c>), or null. JSON parsing accepts them, but reading such a string throws later, deep in a handler
    /// (found by tests/Fuzz.Tests); checked once here, without recursion, only for strings that contain escapes.
    /// </summary>
    private static long? FindInvalidString(ReadOnlySpan<byte> body)
    {
        var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 128 });
        while (reader.Read())
        {
            if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
            {
                try
                {
                    reader.GetString();
                }
                catch (InvalidOperationException)
                {
                    return reader.TokenStartIndex;
                }
            }
        }

        return null;
    }

    public static JsonElement RequireObject(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            throw ApiError.Validation([new ValidationIssue("model_attributes_type", ["body"], "Input should be a valid dictionary or object to extract fields from", body)]);
        }

        return body;
    }

    public static GenerationRequest Parse(ApiKind kind, JsonElement body, Tokenizer tokenizer, int maxModelLen)
    {
        ArgumentNullException.ThrowIfNull(tokenizer);
        var reader = new BodyReader(RequireObject(body));
        var model = reader.String("model");
        var n = reader.Int("n");
        var maxTokens = reader.Int("max_tokens");
        var maxCompletionTokens = kind == ApiKind.Chat ? reader.Int("max_completion_tokens") : null;
        var minTokens = reader.Int("min_tokens");
        var stop = reader.StringOrList("stop");
        var temperature = reader.Number("temperature");
        var topP = reader.Number("top_p");
        reader.Int("top_k");
        reader.Number("presence_penalty");
        reader.Number("frequency_penalty");
        reader.Number("repetition_penalty");
        reader.String("user");
        var seed = reader.Int("seed");
        var stream = reader.Bool("stream") ?? false;
        var ignoreEos = reader.Bool("ignore_eos") ?? false;
        var echo = reader.Bool("echo") ?? false;
        var (includeUsage, continuousUsage, hasStreamOptions) = StreamOptions(reader);
        int? logprobs = null;
        if (kind == ApiKind.Chat)
        {
            var wantLogprobs = reader.Bool("logprobs") ?? false;
            var top = reader.Int("top_logprobs");
            if (wantLogprobs)
            {
                logprobs = (int)(top ?? 0);
            }
            else if (top is > 0)
            {
                throw ApiError.BadRequest("when using `top_logprobs`, `logprobs` must be set to true.", "top_logprobs");
            }
        }
        else if (reader.Int("logprobs") is { } lp)
        {
            logprobs = (int)lp;
        }

        var tools = ParseTools(reader);
        var (toolChoice, namedTool) = ParseToolChoice(reader, tools);
        List<PromptInput> prompts;
        var endsWithTool = false;
        if (kind == ApiKind.Chat)
        {
            var addGenerationPrompt = reader.Bool("add_generation_prompt") ?? true;
            var messages = ParseMessages(reader);
            prompts = [];
            if (messages is not null && reader.Issues.Count == 0)
            {
                // The schema admitted the messages; now the chat template, as in vLLM (after pydantic, before sampling checks).
                if (ChatTemplate.Refusal(messages) is { } refusal)
                {
                    throw ApiError.BadRequest(refusal);
                }

                string? toolsJson = tools.Count > 0 && toolChoice != ToolChoice.None ? JsonSerializer.Serialize(tools.Select(t => new { t.Name, t.Description, Parameters = t.Parameters.ValueKind == JsonValueKind.Undefined ? (object?)null : t.Parameters })) : null;
                var rendered = ChatTemplate.Render(messages, toolsJson, addGenerationPrompt);
                var ids = ChatTemplate.Encode(tokenizer, rendered);
                var lastUser = messages.LastOrDefault(m => m.Role == "user")?.Content ?? messages.LastOrDefault()?.Content ?? string.Empty;
                var echoText = echo && messages.Count > 0 && messages[^1].Role == "assistant" ? messages[^1].Content ?? string.Empty : string.Empty;
                prompts.Add(new PromptInput(ids, echoText, lastUser));
                endsWithTool = messages.Count > 0 && messages[^1].Role == "tool";
            }
        }
        else
        {
            prompts = ParsePrompts(reader, tokenizer);
        }

        if (reader.Issues.Count > 0)
        {
            throw ApiError.Validation(reader.Issues);
        }

        // Sampling-parameter checks, as vLLM's SamplingParams._verify_args words them.
        if (n is < 1)
        {
            throw ApiError.BadRequest($"n must be at least 1, got {n}.", "n");
        }

        if (n is > 128)
        {
            throw ApiError.BadRequest($"n must be at most 128, got {n}.", "n");
        }

        if (temperature is < 0)
        {
            throw ApiError.BadRequest($"temperature must be non-negative, got {Py(temperature.Value)}.", "temperature");
        }

        if (topP is <= 0 or > 1)
        {
            throw ApiError.BadRequest($"top_p must be in (0, 1], got {Py(topP.Value)}.", "top_p");
        }

        var max = maxCompletionTokens ?? maxTokens;
        if (max is < 1)
        {
            throw ApiError.BadRequest($"max_tokens must be at least 1, got {max}.", maxCompletionTokens is null ? "max_tokens" : "max_completion_tokens");
        }

        if (minTokens is < 0)
        {
            throw ApiError.BadRequest($"min_tokens must be greater than or equal to 0, got {minTokens}.", "min_tokens");
        }

        if (max is { } m && minTokens is { } mt && mt > m)
        {
            throw ApiError.BadRequest($"min_tokens must be less than or equal to max_tokens={m}, got {mt}.", "min_tokens");
        }

        if (logprobs is < 0 || (kind == ApiKind.Chat && logprobs is > 20))
        {
            throw ApiError.BadRequest($"`{(kind == ApiKind.Chat ? "top_logprobs" : "logprobs")}` must be a value between 0 and 20, got {logprobs}.", kind == ApiKind.Chat ? "top_logprobs" : "logprobs");
        }

        if (hasStreamOptions && !stream)
        {
            throw ApiError.BadRequest("Stream options can only be defined when `stream=True`.", "stream_options");
        }

        if (seed is < long.MinValue / 2 or > long.MaxValue / 2)
        {
            throw ApiError.BadRequest($"seed is out of range, got {seed}.", "seed");
        }

        foreach (var prompt in prompts)
        {
            var count = prompt.TokenIds.Count;
            if (count >= maxModelLen)
            {
                throw ApiError.BadRequest($"This model's maximum context length is {maxModelLen} tokens. However, your request has {count} input tokens. Please reduce the length of the input messages.");
            }

            if (max is { } wanted && count + wanted > maxModelLen)
            {
                throw ApiError.BadRequest(
                    $"This model's maximum context length is {maxModelLen} tokens. However, you requested {count + wanted} tokens ({count} in the messages, {wanted} in the completion). Please reduce the length of the messages or completion.");
            }
        }

        return new GenerationRequest
        {
            Kind = kind,
            Model = model,
            Prompts = prompts,
            N = (int)(n ?? 1),
            MaxTokens = (int?)max,
            MinTokens = (int)(minTokens ?? 0),
            Stop = stop,
            Temperature = temperature,
            Seed = seed,
            Stream = stream,
            IncludeUsage = stream && includeUsage,
            ContinuousUsage = stream && includeUsage && continuousUsage,
            IgnoreEos = ignoreEos,
            Logprobs = logprobs,
            Echo = echo,
            Tools = tools,
            ToolChoice = toolChoice,
            NamedTool = namedTool,
            EndsWithToolResult = endsWithTool,
        };
    }

    private static (bool IncludeUsage, bool Continuous, bool Present) StreamOptions(BodyReader reader)
    {
        if (reader.Object("stream_options") is not { } options)
        {
            return (false, false, false);
        }

        // vLLM's StreamOptions defaults: include_usage = True, continuous_usage_stats = False.
        var include = options.TryGetProperty("include_usage", out var i) && i.ValueKind != JsonValueKind.Null ? reader.AsBool(i, ["body", "stream_options", "include_usage"]) ?? true : true;
        var continuous = options.TryGetProperty("continuous_usage_stats", out var c) && c.ValueKind != JsonValueKind.Null && (reader.AsBool(c, ["body", "stream_options", "continuous_usage_stats"]) ?? false);
        return (include, continuous, true);
    }

    private static List<ChatMessage>? ParseMessages(BodyReader reader)
    {
        if (!reader.Has("messages"))
        {
            reader.Missing("messages");
            return null;
        }

        if (reader.Array("messages") is not { } array)
        {
            return null;
        }

        var messages = new List<ChatMessage>();
        var index = 0;
        foreach (var item in array.EnumerateArray())
        {
            object[] loc = ["body", "messages", index];
            if (item.ValueKind != JsonValueKind.Object)
            {
                reader.Add(new ValidationIssue("dict_type", loc, "Input should be a valid dictionary", item));
                index++;
                continue;
            }

            string? role = null;
            if (!item.TryGetProperty("role", out var roleElement) || roleElement.ValueKind == JsonValueKind.Null)
            {
                reader.Add(new ValidationIssue("missing", [.. loc, "role"], "Field required", item));
            }
            else
            {
                role = reader.AsString(roleElement, [.. loc, "role"]);
            }

            var content = item.TryGetProperty("content", out var contentElement) ? Content(reader, contentElement, [.. loc, "content"]) : null;
            string? toolCalls = null;
            if (item.TryGetProperty("tool_calls", out var calls) && calls.ValueKind != JsonValueKind.Null)
            {
                if (calls.ValueKind == JsonValueKind.Array)
                {
                    toolCalls = calls.GetRawText();
                }
                else
                {
                    reader.Add(new ValidationIssue("list_type", [.. loc, "tool_calls"], "Input should be a valid list", calls));
                }
            }

            if (role is not null)
            {
                messages.Add(new ChatMessage(role, content, toolCalls));
            }

            index++;
        }

        return messages;
    }

    private static string? Content(BodyReader reader, JsonElement content, object[] loc)
    {
        switch (content.ValueKind)
        {
            case JsonValueKind.Null:
                return null;
            case JsonValueKind.String:
                return content.GetString();
            case JsonValueKind.Array:
                var sb = new StringBuilder();
                var i = 0;
                foreach (var part in content.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.String)
                    {
                        sb.Append(part.GetString());
                    }
                    else if (part.ValueKind == JsonValueKind.Object && part.TryGetProperty("type", out var type) && type.ValueKind == JsonValueKind.String)
                    {
                        if (type.GetString() == "text")
                        {
                            if (part.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String)
                            {
                                if (sb.Length > 0)
                                {
                                    sb.Append('\n');
                                }

                                sb.Append(text.GetString());
                            }
                            else
                            {
                                reader.Add(new ValidationIssue("missing", [.. loc, i, "text"], "Field required", part));
                            }
                        }
                    }
                    else
                    {
                        reader.Add(new ValidationIssue("dict_type", [.. loc, i], "Input should be a valid dictionary", part));
                    }

                    i++;
                }

                return sb.ToString();
            default:
                reader.Add(new ValidationIssue("string_type", loc, "Input should be a valid string", content));
                return null;
        }
    }

    private static List<PromptInput> ParsePrompts(BodyReader reader, Tokenizer tokenizer)
    {
        var prompts = new List<PromptInput>();
        if (!reader.Has("prompt"))
        {
            reader.Missing("prompt");
            return prompts;
        }

        var prompt = reader.Raw("prompt")!.Value;
        switch (prompt.ValueKind)
        {
            case JsonValueKind.String:
                prompts.Add(TextPrompt(tokenizer, prompt.GetString()!));
                break;
            case JsonValueKind.Array when prompt.GetArrayLength() == 0:
                throw ApiError.BadRequest("Prompt cannot be empty.", "prompt");
            case JsonValueKind.Array when prompt[0].ValueKind == JsonValueKind.Number:
                prompts.Add(IdPrompt(reader, tokenizer, prompt, ["body", "prompt"]));
                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in prompt.EnumerateArray())
                {
                    if (item.ValueKind == JsonValueKind.String)
                    {
                        prompts.Add(TextPrompt(tokenizer, item.GetString()!));
                    }
                    else if (item.ValueKind == JsonValueKind.Array)
                    {
                        prompts.Add(IdPrompt(reader, tokenizer, item, ["body", "prompt", index]));
                    }
                    else
                    {
                        reader.Add(new ValidationIssue("string_type", ["body", "prompt", index], "Input should be a valid string", item));
                    }

                    index++;
                }

                break;
            default:
                reader.Add(new ValidationIssue("string_type", ["body", "prompt"], "Input should be a valid string", prompt));
                break;
        }

        return prompts;
    }

    private static PromptInput TextPrompt(Tokenizer tokenizer, string text)
    {
        var ids = new List<int> { Tokenizer.SpecialId(Tokenizer.BeginOfText) };
        ids.AddRange(tokenizer.Encode(text));
        return new PromptInput(ids, text, text);
    }

    private static PromptInput IdPrompt(BodyReader reader, Tokenizer tokenizer, JsonElement array, object[] loc)
    {
        var ids = new List<int>();
        var i = 0;
        foreach (var item in array.EnumerateArray())
        {
            if (reader.AsInt(item, [.. loc, i]) is { } id)
            {
                if (id is < 0 or >= Tokenizer.VocabSize)
                {
                    throw ApiError.BadRequest($"Token id {id} is out of vocabulary", "prompt");
                }

                ids.Add((int)id);
            }

            i++;
        }

        if (ids.Count == 0)
        {
            throw ApiError.BadRequest("Prompt cannot be empty.", "prompt");
        }

        var text = tokenizer.Decode(ids);
        return new PromptInput(ids, text, text);
    }

    private static List<ToolDefinition> ParseTools(BodyReader reader)
    {
        var tools = new List<ToolDefinition>();
        if (reader.Array("tools") is not { } array)
        {
            return tools;
        }

        var index = 0;
        foreach (var tool in array.EnumerateArray())
        {
            object[] loc = ["body", "tools", index++];
            if (tool.ValueKind != JsonValueKind.Object)
            {
                reader.Add(new ValidationIssue("dict_type", loc, "Input should be a valid dictionary", tool));
                continue;
            }

            if (!tool.TryGetProperty("function", out var function) || function.ValueKind != JsonValueKind.Object)
            {
                reader.Add(new ValidationIssue("missing", [.. loc, "function"], "Field required", tool));
                continue;
            }

            if (!function.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String)
            {
                reader.Add(new ValidationIssue("missing", [.. loc, "function", "name"], "Field required", function));
                continue;
            }

            var description = function.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            var parameters = function.TryGetProperty("parameters", out var p) && p.ValueKind == JsonValueKind.Object ? p.Clone() : default;
            tools.Add(new ToolDefinition(name.GetString()!, description, parameters));
        }

        return tools;
    }

    private static (ToolChoice Choice, string? Name) ParseToolChoice(BodyReader reader, List<ToolDefinition> tools)
    {
        var raw = reader.Raw("tool_choice");
        if (raw is null)
        {
            // OpenAI and vLLM default: "auto" when tools are given, "none" otherwise.
            return (tools.Count > 0 ? ToolChoice.Auto : ToolChoice.None, null);
        }

        var value = raw.Value;
        if (value.ValueKind == JsonValueKind.String)
        {
            var choice = value.GetString() switch
            {
                "none" => ToolChoice.None,
                "auto" => ToolChoice.Auto,
                "required" => ToolChoice.Required,
                _ => (ToolChoice?)null,
            };
            if (choice is null)
            {
                reader.Add(new ValidationIssue("literal_error", ["body", "tool_choice"], "Input should be 'none', 'auto' or 'required'", value));
                return (ToolChoice.None, null);
            }

            if (choice == ToolChoice.Required && tools.Count == 0)
            {
                throw ApiError.BadRequest("When using `tool_choice`, `tools` must be set.", "tool_choice");
            }

            return (choice.Value, null);
        }

        if (value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("function", out var function) && function.ValueKind == JsonValueKind.Object
            && function.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            var toolName = name.GetString()!;
            if (tools.Count == 0)
            {
                throw ApiError.BadRequest("When using `tool_choice`, `tools` must be set.", "tool_choice");
            }

            if (!tools.Any(t => t.Name == toolName))
            {
                throw ApiError.BadRequest($"The tool specified in `tool_choice` does not match any of the specified `tools`: '{toolName}'.", "tool_choice");
            }

            return (ToolChoice.Named, toolName);
        }

        reader.Add(new ValidationIssue("model_type", ["body", "tool_choice"], "Input should be 'none', 'auto', 'required' or an object naming a function", value));
        return (ToolChoice.None, null);
    }

    private static string Py(double d) => d == Math.Floor(d) && Math.Abs(d) < 1e16 ? d.ToString("0.0", CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture);
}
