namespace PlatformValidation.Validators.Patching;

/// <summary>
/// A strategic merge patch that cannot be applied, with upstream's message (k8s.io/apimachinery/pkg/util/mergepatch
/// errors.go). <see cref="Unprocessable"/> separates the errors kube-apiserver answers with 422 (a missing merge key,
/// as the simulated API server has always answered it) from the malformed-patch errors answered with 400.
/// </summary>
public sealed class StrategicMergePatchException : Exception
{
    public StrategicMergePatchException(string message, bool unprocessable)
        : base(message) => Unprocessable = unprocessable;

    public StrategicMergePatchException()
        : this("strategic merge patch format is not supported", false)
    {
    }

    public StrategicMergePatchException(string message)
        : this(message, false)
    {
    }

    public StrategicMergePatchException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public bool Unprocessable { get; }
}
