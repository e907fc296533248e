using System.Diagnostics;
using OpenTelemetry;
using OpenTelemetry.Logs;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.AppHost.Telemetry;

/// <summary>Redacts span tags and status descriptions before any exporter sees them.</summary>
public sealed class RedactingActivityProcessor : BaseProcessor<Activity>
{
    public override void OnEnd(Activity data)
    {
        ArgumentNullException.ThrowIfNull(data);
        foreach (var tag in data.TagObjects.ToList())
        {
            if (tag.Value is string s)
            {
                var redacted = SecretRedactor.Shared.Redact(s);
                if (!ReferenceEquals(redacted, s) && redacted != s)
                {
                    data.SetTag(tag.Key, redacted);
                }
            }
        }

        if (data.StatusDescription is { } d)
        {
            data.SetStatus(data.Status, SecretRedactor.Shared.Redact(d));
        }
    }
}

/// <summary>Redacts log messages and string attributes before any exporter sees them.</summary>
public sealed class RedactingLogProcessor : BaseProcessor<LogRecord>
{
    public override void OnEnd(LogRecord data)
    {
        ArgumentNullException.ThrowIfNull(data);
        if (data.FormattedMessage is { } m)
        {
            data.FormattedMessage = SecretRedactor.Shared.Redact(m);
        }

        if (data.Body is { } b)
        {
            data.Body = SecretRedactor.Shared.Redact(b);
        }

        if (data.Attributes is { } attributes)
        {
            data.Attributes = attributes.Select(a => a.Value is string s ? new KeyValuePair<string, object?>(a.Key, SecretRedactor.Shared.Redact(s)) : a).ToList();
        }
    }
}
