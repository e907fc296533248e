namespace PlatformValidation.Validators.Templating;

/// <summary>A Go template failed to parse or execute; the message follows Go's wording where it matters (e.g. "map has no entry for key").</summary>
public sealed class GoTemplateException : Exception
{
    public GoTemplateException()
    {
    }

    public GoTemplateException(string message)
        : base(message)
    {
    }

    public GoTemplateException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
