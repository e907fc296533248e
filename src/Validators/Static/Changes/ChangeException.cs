namespace PlatformValidation.Validators.Changes;

/// <summary>
/// <c>validate --base</c> cannot compare: no git checkout, an unknown revision, a shallow clone without the base,
/// a dirty tree with <c>--head</c>. The message says what to run.
/// </summary>
public sealed class ChangeException(string message, Exception? inner = null) : Exception(message, inner);
