namespace PlatformValidation.Fakes.Cluster.Patching;

/// <summary>A patch that does not apply; <see cref="Code"/> is the HTTP status the API server answers with.</summary>
public sealed class PatchException : Exception
{
    public PatchException(string message, int code = 422)
        : base(message) => Code = code;

    public PatchException()
        : this("the patch does not apply")
    {
    }

    public PatchException(string message, Exception innerException)
        : base(message, innerException) => Code = 422;

    public int Code { get; } = 422;
}
