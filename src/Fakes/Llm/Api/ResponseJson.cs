using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using PlatformValidation.Fakes.Llm.Engine;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// The JSON bodies vLLM sends for chat and completion responses and stream chunks. Full responses carry every field
/// (vLLM dumps the whole model, nulls included); stream chunks omit unset fields (vLLM's <c>exclude_unset</c>), so
/// <c>usage</c> appears only where it is set.
/// </summary>
public static class ResponseJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static void ChatCompletion(Utf8JsonWriter w, string id, long created, string model, IReadOnlyList<ChoicePlan> choices, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(choices);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "chat.completion");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        foreach (var choice in choices)
        {
            w.WriteStartObject();
            w.WriteNumber("index", choice.Index);
            w.WriteStartObject("message");
            w.WriteString("role", "assistant");
            if (choice.ToolCall is { } call)
            {
                // vLLM: auto-parsed tool calls have no content; forced (named/required) ones have empty content.
                if (call.AutoCalled)
                {
                    w.WriteNull("content");
                }
                else
                {
                    w.WriteString("content", string.Empty);
                }
            }
            else
            {
                w.WriteString("content", choice.EchoPrefix + choice.Text);
            }

            w.WriteNull("refusal");
            w.WriteNull("annotations");
            w.WriteNull("audio");
            w.WriteNull("function_call");
            w.WriteStartArray("tool_calls");
            if (choice.ToolCall is { } tc)
            {
                w.WriteStartObject();
                w.WriteString("id", tc.Id);
                w.WriteString("type", "function");
                w.WriteStartObject("function");
                w.WriteString("name", tc.Name);
                w.WriteString("arguments", choice.Text);
                w.WriteEndObject();
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteNull("reasoning_content");
            w.WriteEndObject();
            WriteChatLogprobs(w, choice.Logprobs, 0, choice.Logprobs?.Count ?? 0);
            w.WriteString("finish_reason", choice.FinishReason);
            WriteStopReason(w, choice.StopReason);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("service_tier");
        w.WriteNull("system_fingerprint");
        usage.Write(w);
        w.WriteNull("prompt_logprobs");
        w.WriteNull("kv_transfer_params");
        w.WriteEndObject();
    }

    public static void Completion(Utf8JsonWriter w, string id, long created, string model, IReadOnlyList<ChoicePlan> choices, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(choices);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", "text_completion");
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        foreach (var choice in choices)
        {
            w.WriteStartObject();
            w.WriteNumber("index", choice.Index);
            w.WriteString("text", choice.EchoPrefix + choice.Text);
            WriteCompletionLogprobs(w, choice.Logprobs, 0, choice.Logprobs?.Count ?? 0, choice.EchoPrefix.Length);
            w.WriteString("finish_reason", choice.FinishReason);
            WriteStopReason(w, choice.StopReason);
            w.WriteNull("prompt_logprobs");
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteNull("service_tier");
        w.WriteNull("system_fingerprint");
        usage.Write(w);
        w.WriteNull("kv_transfer_params");
        w.WriteEndObject();
    }

    /// <summary>The first chunk of a chat choice: the assistant role with empty content.</summary>
    public static void ChatRoleChunk(Utf8JsonWriter w, string id, long created, string model, int index, Usage? usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ChunkStart(w, id, "chat.completion.chunk", created, model);
        w.WriteStartObject();
        w.WriteNumber("index", index);
        w.WriteStartObject("delta");
        w.WriteString("role", "assistant");
        w.WriteString("content", string.Empty);
        w.WriteEndObject();
        w.WriteNull("logprobs");
        w.WriteNull("finish_reason");
        w.WriteEndObject();
        ChunkEnd(w, usage);
    }

    /// <summary>A chat token chunk; the last one of a choice carries finish_reason and stop_reason.</summary>
    public static void ChatTokenChunk(Utf8JsonWriter w, string id, long created, string model, ChoicePlan choice, int step, bool last, Usage? usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(choice);
        ChunkStart(w, id, "chat.completion.chunk", created, model);
        w.WriteStartObject();
        w.WriteNumber("index", choice.Index);
        w.WriteStartObject("delta");
        var piece = step < choice.Pieces.Count ? choice.Pieces[step] : string.Empty;
        if (choice.ToolCall is { } call)
        {
            w.WriteStartArray("tool_calls");
            w.WriteStartObject();
            w.WriteNumber("index", 0);
            if (step == 0)
            {
                w.WriteString("id", call.Id);
                w.WriteString("type", "function");
            }

            w.WriteStartObject("function");
            if (step == 0)
            {
                w.WriteString("name", call.Name);
            }

            w.WriteString("arguments", piece);
            w.WriteEndObject();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteString("content", piece);
        }

        w.WriteEndObject();
        WriteChatLogprobs(w, choice.Logprobs, step, step + 1);
        if (last)
        {
            w.WriteString("finish_reason", choice.FinishReason);
            WriteStopReason(w, choice.StopReason);
        }
        else
        {
            w.WriteNull("finish_reason");
        }

        w.WriteEndObject();
        ChunkEnd(w, usage);
    }

    public static void CompletionTokenChunk(Utf8JsonWriter w, string id, long created, string model, ChoicePlan choice, int step, bool last, Usage? usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        ArgumentNullException.ThrowIfNull(choice);
        ChunkStart(w, id, "text_completion", created, model);
        w.WriteStartObject();
        w.WriteNumber("index", choice.Index);
        var piece = step < choice.Pieces.Count ? choice.Pieces[step] : string.Empty;
        var prefix = step == 0 ? choice.EchoPrefix : string.Empty;
        w.WriteString("text", prefix + piece);
        WriteCompletionLogprobs(w, choice.Logprobs, step, step + 1, prefix.Length);
        if (last)
        {
            w.WriteString("finish_reason", choice.FinishReason);
            WriteStopReason(w, choice.StopReason);
        }
        else
        {
            w.WriteNull("finish_reason");
            w.WriteNull("stop_reason");
        }

        w.WriteEndObject();
        ChunkEnd(w, usage);
    }

    /// <summary>The final usage chunk: <c>"choices": []</c> and the totals.</summary>
    public static void UsageChunk(Utf8JsonWriter w, string id, string objectName, long created, string model, Usage usage)
    {
        ArgumentNullException.ThrowIfNull(w);
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
        w.WriteEndArray();
        usage.Write(w);
        w.WriteEndObject();
    }

    private static void ChunkStart(Utf8JsonWriter w, string id, string objectName, long created, string model)
    {
        w.WriteStartObject();
        w.WriteString("id", id);
        w.WriteString("object", objectName);
        w.WriteNumber("created", created);
        w.WriteString("model", model);
        w.WriteStartArray("choices");
    }

    private static void ChunkEnd(Utf8JsonWriter w, Usage? usage)
    {
        w.WriteEndArray();
        usage?.Write(w);
        w.WriteEndObject();
    }

    private static void WriteStopReason(Utf8JsonWriter w, string? stopReason)
    {
        if (stopReason is null)
        {
            w.WriteNull("stop_reason");
        }
        else
        {
            w.WriteString("stop_reason", stopReason);
        }
    }

    private static void WriteChatLogprobs(Utf8JsonWriter w, IReadOnlyList<TokenLogprob>? logprobs, int from, int to)
    {
        if (logprobs is null)
        {
            w.WriteNull("logprobs");
            return;
        }

        w.WriteStartObject("logprobs");
        w.WriteStartArray("content");
        for (var i = from; i < Math.Min(to, logprobs.Count); i++)
        {
            var lp = logprobs[i];
            w.WriteStartObject();
            w.WriteString("token", lp.Token);
            w.WriteNumber("logprob", lp.Logprob);
            Bytes(w, lp.Token);
            w.WriteStartArray("top_logprobs");
            foreach (var (token, logprob) in lp.Top)
            {
                w.WriteStartObject();
                w.WriteString("token", token);
                w.WriteNumber("logprob", logprob);
                Bytes(w, token);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void WriteCompletionLogprobs(Utf8JsonWriter w, IReadOnlyList<TokenLogprob>? logprobs, int from, int to, int offsetStart)
    {
        if (logprobs is null)
        {
            w.WriteNull("logprobs");
            return;
        }

        w.WriteStartObject("logprobs");
        var offset = offsetStart;
        for (var i = 0; i < from && i < logprobs.Count; i++)
        {
            offset += logprobs[i].Token.Length;
        }

        w.WriteStartArray("text_offset");
        for (var i = from; i < Math.Min(to, logprobs.Count); i++)
        {
            w.WriteNumberValue(offset);
            offset += logprobs[i].Token.Length;
        }

        w.WriteEndArray();
        w.WriteStartArray("token_logprobs");
        for (var i = from; i < Math.Min(to, logprobs.Count); i++)
        {
            w.WriteNumberValue(logprobs[i].Logprob);
        }

        w.WriteEndArray();
        w.WriteStartArray("tokens");
        for (var i = from; i < Math.Min(to, logprobs.Count); i++)
        {
            w.WriteStringValue(logprobs[i].Token);
        }

        w.WriteEndArray();
        w.WriteStartArray("top_logprobs");
        for (var i = from; i < Math.Min(to, logprobs.Count); i++)
        {
            w.WriteStartObject();
            foreach (var (token, logprob) in logprobs[i].Top)
            {
                w.WriteNumber(token, logprob);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    private static void Bytes(Utf8JsonWriter w, string token)
    {
        w.WriteStartArray("bytes");
        foreach (var b in Encoding.UTF8.GetBytes(token))
        {
            w.WriteNumberValue(b);
        }

        w.WriteEndArray();
    }
}
