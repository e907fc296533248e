namespace PlatformValidation.Fakes.ArgoCd.Repos;

/// <summary>A repository or revision could not be read; the message names the URL and what to do.</summary>
public sealed class RepositoryException(string message, Exception? inner = null) : Exception(message, inner);
