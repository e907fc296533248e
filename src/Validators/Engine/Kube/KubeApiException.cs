using System.Net;

namespace PlatformValidation.Validators.Kube;

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

    public KubeApiException(string message, HttpStatusCode? statusCode, string? reason, string? serverMessage = null)
        : base(message)
    {
        StatusCode = statusCode;
        Reason = reason;
        ServerMessage = serverMessage;
    }

    /// <summary>The HTTP status the server answered, when it answered.</summary>
    public HttpStatusCode? StatusCode { get; }

    /// <summary>The Status object's <c>reason</c> (NotFound, Conflict, AlreadyExists, …), when given.</summary>
    public string? Reason { get; }

    /// <summary>
    /// What the server said, as kubectl prints it: the Status object's <c>message</c>, else the status line and the start
    /// of the body; null when the server was not reached. The simulated Argo CD shows this text, as Argo CD does.
    /// </summary>
    public string? ServerMessage { get; }

    /// <summary>The status code as a number (0 when the server was not reached).</summary>
    public int Status => StatusCode is { } s ? (int)s : 0;

    public bool IsNotFound => StatusCode == HttpStatusCode.NotFound;
}
