using Microsoft.Extensions.Logging;

namespace PlatformValidation.AppHost.ApplicationModel;

/// <summary>What a starting resource gets: the run's scratch directory and a logger.</summary>
public sealed record ResourceStartContext(string ScratchDirectory, ILogger Logger);
