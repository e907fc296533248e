namespace PlatformValidation.Validators.Live.Checks;

/// <summary>
/// One entry of the live-check catalogue: a stable <paramref name="Id"/>, the <paramref name="Name"/> reports show
/// (the <c>check</c> of a result, or the step name a stopped step is reported under), the suite(s) that record it,
/// what a pass proves and what to do when it fails.
/// </summary>
public sealed record LiveCheckDescriptor(string Id, string Name, string Suite, string Proves, string FixHint);
