using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>Reading bounded bodies and writing JSON and error envelopes.</summary>
public static class HttpIo
{
    public const string JsonType = "application/json";

    /// <summary>Reads the body, refusing more than <paramref name="limit"/> bytes with 413.</summary>
    public static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpContext context, long limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is { } declared && declared > limit)
        {
            throw TooLarge(limit);
        }

        using var buffer = new MemoryStream(context.Request.ContentLength is { } n and < 1_048_576 ? (int)n : 4096);
        var chunk = ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            while (true)
            {
                var read = await context.Request.Body.ReadAsync(chunk, cancellationToken);
                if (read == 0)
                {
                    break;
                }

                if (buffer.Length + read > limit)
                {
                    throw TooLarge(limit);
                }

                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }

        return buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
    }

    public static async Task WriteJsonAsync(HttpContext context, int status, byte[] json)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(json);
        context.Response.StatusCode = status;
        context.Response.ContentType = JsonType;
        context.Response.ContentLength = json.Length;
        await context.Response.Body.WriteAsync(json, context.RequestAborted);
    }

    public static Task WriteJsonAsync(HttpContext context, int status, Action<Utf8JsonWriter> write) =>
        WriteJsonAsync(context, status, ResponseJson.Build(write));

    public static Task WriteErrorAsync(HttpContext context, ApiError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return WriteJsonAsync(context, error.Status, error.WriteJson);
    }

    /// <summary>FastAPI's plain <c>{"detail": "…"}</c> body (unknown routes).</summary>
    public static Task WriteDetailAsync(HttpContext context, int status, string detail) =>
        WriteJsonAsync(context, status, w =>
        {
            w.WriteStartObject();
            w.WriteString("detail", detail);
            w.WriteEndObject();
        });

    private static ApiError TooLarge(long limit) =>
        new(413, "Request Entity Too Large", $"Request body is larger than the server's limit of {limit} bytes.");
}
