using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>One <c>make doctor</c> check: an HTTP request through the service proxy and the status it must return.</summary>
public sealed record ProbeCheck(string Name, ServiceRef Service, string Path, string Method, int ExpectStatus, SourceLocation Location);
