namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>How unknown or duplicate fields in a request body are treated (the fieldValidation query parameter).</summary>
public enum FieldValidation
{
    Ignore,
    Warn,
    Strict,
}

/// <summary>Per-request options of a write: dry run, field manager, field validation; collects warnings for the response.</summary>
public sealed class OperationContext
{
    public bool DryRun { get; init; }

    public string? FieldManager { get; init; }

    public FieldValidation FieldValidation { get; init; } = FieldValidation.Ignore;

    /// <summary>The user agent, from which the default field manager is derived.</summary>
    public string UserAgent { get; init; } = string.Empty;

    /// <summary>Force on a server-side apply (take ownership of conflicting fields).</summary>
    public bool Force { get; init; }

    public List<string> Warnings { get; } = [];

    /// <summary>The manager recorded in managedFields: the parameter, else the user agent's program name.</summary>
    public string Manager
    {
        get
        {
            if (!string.IsNullOrEmpty(FieldManager))
            {
                return FieldManager;
            }

            var ua = UserAgent;
            var slash = ua.IndexOf('/', StringComparison.Ordinal);
            var program = slash > 0 ? ua[..slash] : ua;
            return program.Length == 0 ? "unknown" : program.Length > 128 ? program[..128] : program;
        }
    }

    /// <summary>A context for the in-process controllers, which write as the named manager.</summary>
    public static OperationContext Controller(string manager) => new() { FieldManager = manager };
}

/// <summary>Options of a DELETE (DeleteOptions body and query parameters).</summary>
public sealed record DeleteOptions
{
    /// <summary>Orphan, Background or Foreground; null for the kind's default.</summary>
    public string? PropagationPolicy { get; init; }

    public long? GracePeriodSeconds { get; init; }

    public string? PreconditionUid { get; init; }

    public string? PreconditionResourceVersion { get; init; }

    public bool DryRun { get; init; }
}

/// <summary>Options of a LIST or WATCH.</summary>
public sealed record ListOptions
{
    public string? LabelSelector { get; init; }

    public string? FieldSelector { get; init; }

    public long? Limit { get; init; }

    public string? Continue { get; init; }

    public string? ResourceVersion { get; init; }

    public string? ResourceVersionMatch { get; init; }
}
