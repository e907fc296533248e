using Microsoft.Extensions.Logging;

namespace PlatformValidation.AppHost.Resources.Lifecycle;

/// <summary>What a starting resource gets: its own scratch directory in the run's, and its resource logger.</summary>
public sealed record ResourceStartContext(string ScratchDirectory, ILogger Logger);
