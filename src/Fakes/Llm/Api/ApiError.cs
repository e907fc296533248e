using System.Net;
using System.Text.Json;

namespace PlatformValidation.Fakes.Llm.Api;

/// <summary>
/// An error answered in vLLM's envelope <c>{"error": {"message", "type", "param", "code"}}</c> (vLLM ≥ 0.10.1),
/// where <c>type</c> is the exception class name (<c>BadRequestError</c>, <c>NotFoundError</c>) or, for
/// request-validation and plain HTTP errors, the HTTP phrase (<c>Bad Request</c>).
/// </summary>
public sealed class ApiError(int status, string type, string message, string? param = null) : Exception(message)
{
    public int Status { get; } = status;

    public string Type { get; } = type;

    public string? Param { get; } = param;

    public static ApiError BadRequest(string message, string? param = null) => new(400, "BadRequestError", message, param);

    public static ApiError ModelNotFound(string model) => new(404, "NotFoundError", $"The model `{model}` does not exist.", "model");

    public static ApiError Validation(IReadOnlyList<ValidationIssue> issues) =>
        new(400, "Bad Request", ValidationIssue.Describe(issues), issues.Count > 0 ? issues[0].Param : null);

    /// <summary>An injected or capacity error for <paramref name="status"/> with the type vLLM/OpenAI clients expect for it.</summary>
    public static ApiError ForStatus(int status, string message) => new(status, TypeFor(status), message);

    public static string TypeFor(int status) => status switch
    {
        400 => "BadRequestError",
        401 => "AuthenticationError",
        403 => "PermissionDeniedError",
        404 => "NotFoundError",
        409 => "ConflictError",
        413 => "Request Entity Too Large",
        422 => "UnprocessableEntityError",
        429 => "RateLimitError",
        500 => "InternalServerError",
        501 => "NotImplementedError",
        503 => "ServiceUnavailableError",
        _ => Phrase(status),
    };

    public static string Phrase(int status)
    {
        var name = ((HttpStatusCode)status).ToString();
        if (int.TryParse(name, out _))
        {
            return "Error";
        }

        var chars = new List<char>();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && chars.Count > 0)
            {
                chars.Add(' ');
            }

            chars.Add(c);
        }

        return new string([.. chars]);
    }

    public void WriteJson(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", Message);
        writer.WriteString("type", Type);
        if (Param is null)
        {
            writer.WriteNull("param");
        }
        else
        {
            writer.WriteString("param", Param);
        }

        writer.WriteNumber("code", Status);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
