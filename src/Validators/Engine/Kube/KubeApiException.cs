using System.Net;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// A call to the Kubernetes API failed. The message names the verb, the object and the server's own Status
/// message, and never carries credentials.
/// </summary>
public sealed class KubeApiException : Exception
{
    public KubeApiException()
    {
    }

    public KubeApiException(string message)
        : base(message)
    {
    }

    public KubeApiException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public KubeApiException(string message, HttpStatusCode? statusCode, string? reason)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
    }

    /// <summary>The HTTP status the server answered, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Status object's <c>reason</c> (NotFound, Conflict, AlreadyExists, …), when given.</summary>
    public string? Reason { get; }
}
