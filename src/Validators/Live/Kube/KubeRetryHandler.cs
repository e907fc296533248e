using System.Net;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace PlatformValidation.Validators.Live.Kube;

/// <summary>
/// A handler in KubernetesClient's pipeline that retries transient failures of the API server: 429 Too Many
/// Requests, 5xx answers, dropped connections and attempts that stall past <see cref="KubeRetryOptions.AttemptTimeout"/>.
/// Requests are replayed from a buffered copy (an HttpRequestMessage can be sent only once). Watch requests are
/// passed through untouched: they are long-lived by design and their callers resume them.
/// </summary>
public sealed class KubeRetryHandler : DelegatingHandler
{
    private readonly ResiliencePipeline<HttpResponseMessage> pipeline;

    public KubeRetryHandler(KubeRetryOptions? options = null)
    {
        var o = options ?? KubeRetryOptions.Default;
        pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                MaxRetryAttempts = Math.Max(0, o.MaxRetries),
                Delay = o.BaseDelay,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                MaxDelay = TimeSpan.FromSeconds(5),
                ShouldHandle = new PredicateBuilder<HttpResponseMessage>()
                    .Handle<HttpRequestException>()
                    .Handle<TimeoutRejectedException>()
                    .Handle<IOException>()
                    .HandleResult(IsTransient),
                DelayGenerator = args => ValueTask.FromResult(RetryAfter(args.Outcome.Result)),
                OnRetry = args =>
                {
                    // The failed response is discarded; release its connection.
                    args.Outcome.Result?.Dispose();
                    return ValueTask.CompletedTask;
                },
            })
            .AddTimeout(o.AttemptTimeout)
            .Build();
    }

    /// <summary>True for answers worth retrying: 429 and every 5xx.</summary>
    public static bool IsTransient(HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return response.StatusCode == HttpStatusCode.TooManyRequests || (int)response.StatusCode >= 500;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.RequestUri?.Query.Contains("watch=true", StringComparison.OrdinalIgnoreCase) == true)
        {
            return await base.SendAsync(request, cancellationToken);
        }

        var body = request.Content is null ? null : await request.Content.ReadAsByteArrayAsync(cancellationToken);
        var first = true;
        return await pipeline.ExecuteAsync(
            async token =>
            {
                var attempt = first ? request : Clone(request, body);
                if (first && body is not null)
                {
                    attempt.Content = CloneContent(request.Content!, body);
                }

                first = false;
                return await base.SendAsync(attempt, token);
            },
            cancellationToken);
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage? response)
    {
        var delta = response?.Headers.RetryAfter?.Delta;
        return delta is { } d && d > TimeSpan.Zero ? TimeSpan.FromTicks(Math.Min(d.Ticks, TimeSpan.FromSeconds(5).Ticks)) : null;
    }

    private static HttpRequestMessage Clone(HttpRequestMessage request, byte[]? body)
    {
        var copy = new HttpRequestMessage(request.Method, request.RequestUri) { Version = request.Version, VersionPolicy = request.VersionPolicy };
        foreach (var header in request.Headers)
        {
            copy.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (var option in request.Options)
        {
            copy.Options.Set(new HttpRequestOptionsKey<object?>(option.Key), option.Value);
        }

        if (body is not null && request.Content is not null)
        {
            copy.Content = CloneContent(request.Content, body);
        }

        return copy;
    }

    private static ByteArrayContent CloneContent(HttpContent original, byte[] body)
    {
        var content = new ByteArrayContent(body);
        foreach (var header in original.Headers)
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        return content;
    }
}
