namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// An HTTP request a live step sends to a Service (the smoke, a probe) and the status that passes: built from the
/// scenario by one function per step, so what the scenario says is exactly what goes on the wire.
/// </summary>
public sealed record LiveRequest(HttpMethod Method, string Path, string? Body, IReadOnlyDictionary<string, string>? Headers, int ExpectStatus);
