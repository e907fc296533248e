using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// The <c>make smoke</c> equivalent: an authenticated <c>POST /v1/chat/completions</c> through a port-forward to the
/// model Service's pod must answer 200, and the same request without the key must answer 401. (Not the service proxy:
/// kube-apiserver consumes the Authorization header when it authenticates, so an API key never gets through it.) The key never appears in any output:
/// it is registered with the redactor the moment it is read.
/// </summary>
public static class SmokeSteps
{
    public const string SmokeCheck = LiveChecks.Smoke;

    public const string UnauthenticatedCheck = LiveChecks.SmokeUnauthenticated;

    /// <summary>Reads the smoke API key from the scenario's Secret or environment variable (null when the scenario sets no <c>apiKey</c>).</summary>
    public static async Task<string?> ApiKeyAsync(RunContext ctx, SmokeRequest smoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(smoke);
        string? key = null;
        if (smoke.ApiKey?.EnvironmentVariable is { } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
        }

        if (key is null && smoke.ApiKey?.SecretRef is { } secretRef)
        {
            try
            {
                var secret = await ctx.Client.CoreV1.ReadNamespacedSecretAsync(secretRef.Name, secretRef.Namespace, cancellationToken: cancellationToken);
                if (secret.Data?.TryGetValue(secretRef.Key, out var bytes) == true)
                {
                    key = Encoding.UTF8.GetString(bytes);
                }
                else if (secret.StringData?.TryGetValue(secretRef.Key, out var text) == true)
                {
                    key = text;
                }
            }
            catch (HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
            {
                key = null;
            }
        }

        ctx.Redactor.Register(key);
        return key;
    }

    /// <summary>
    /// The smoke request: <c>POST smoke.path</c> with <c>smoke.model</c> and <c>smoke.prompt</c>, the key as a bearer
    /// token when there is one (<paramref name="key"/> null: no Authorization header), passing on <c>smoke.expectStatus</c>.
    /// </summary>
    public static LiveRequest Request(SmokeRequest smoke, string? key)
    {
        ArgumentNullException.ThrowIfNull(smoke);
        var body = new JsonObject
        {
            ["model"] = smoke.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = smoke.Prompt }),
            ["max_tokens"] = 8,
        }.ToJsonString();
        var headers = key is null ? null : new Dictionary<string, string> { ["Authorization"] = "Bearer " + key };
        return new LiveRequest(HttpMethod.Post, smoke.Path, body, headers, smoke.ExpectStatus);
    }

    /// <summary>
    /// Runs the smoke and records one check for it: the request (with the key when the scenario names one) must answer
    /// <c>smoke.expectStatus</c> — with a chat completion when that is 200. With a key, a second check: the same request
    /// without it must answer 401. Without <c>apiKey</c> the server needs no key: no header is sent and the 401 check
    /// is skipped.
    /// </summary>
    public static async Task RunAsync(RunContext ctx, SmokeRequest smoke, string? profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(smoke);
        var key = await ApiKeyAsync(ctx, smoke, cancellationToken);
        if (smoke.ApiKey is { } source && string.IsNullOrEmpty(key))
        {
            var where = source.SecretRef is { } s ? $"Secret {s.Namespace}/{s.Name} key {s.Key}" : $"environment variable ${source.EnvironmentVariable}";
            ctx.Fail(SmokeCheck, profile, $"smoke: no API key found in {where}; the model server's key must exist before the smoke can authenticate (or remove smoke.apiKey if the server needs none)");
            return;
        }

        var request = Request(smoke, key);
        var body = request.Body;
        var withKey = key is null ? "without a key (smoke.apiKey not set)" : "with the key";
        var sw = Stopwatch.StartNew();
        try
        {
            var authorized = await ctx.WaitUntilAsync(
                $"POST {smoke.Path} to service {smoke.Service} {withKey} to answer {smoke.ExpectStatus}",
                "smoke",
                ctx.Timeouts.Smoke,
                async token =>
                {
                    try
                    {
                        var r = await ctx.PortForward.SendAsync(smoke.Service, request.Method, request.Path, body, request.Headers, token);
                        return (r.StatusCode == request.ExpectStatus, r, $"answered {r.StatusCode}");
                    }
                    catch (KubeApiException e)
                    {
                        // Not reachable yet (pod starting, forward refused): keep waiting, and say why if time runs out.
                        return (false, new ProxyResponse(0, string.Empty), e.Message);
                    }
                },
                cancellationToken);
            if (smoke.ExpectStatus != 200)
            {
                ctx.Pass(SmokeCheck, profile, $"POST {smoke.Path} to service {smoke.Service} {withKey} answered {smoke.ExpectStatus} as expected", duration: sw.Elapsed);
            }
            else if (JsonNode.Parse(authorized.Body)?["choices"] is JsonArray { Count: > 0 })
            {
                ctx.Pass(SmokeCheck, profile, $"POST {smoke.Path} to service {smoke.Service} {withKey} answered 200 with a completion", duration: sw.Elapsed);
            }
            else
            {
                ctx.Fail(SmokeCheck, profile, $"POST {smoke.Path} to service {smoke.Service} answered 200 but without `choices`: not an OpenAI chat completion", duration: sw.Elapsed);
            }
        }
        catch (Exception e) when (e is WaitTimeoutException or KubeApiException or System.Text.Json.JsonException)
        {
            ctx.Fail(SmokeCheck, profile, $"smoke {withKey}: {e.Message}", duration: sw.Elapsed);
        }

        if (key is null)
        {
            ctx.Skip(UnauthenticatedCheck, profile, "smoke.apiKey is not set: the model server is expected to need no key, so there is no 401 to check");
            return;
        }

        sw.Restart();
        try
        {
            var r = await ctx.PortForward.SendAsync(smoke.Service, request.Method, request.Path, body, null, cancellationToken);
            if (r.StatusCode == 401)
            {
                ctx.Pass(UnauthenticatedCheck, profile, $"POST {smoke.Path} to service {smoke.Service} without the key answered 401", duration: sw.Elapsed);
            }
            else
            {
                ctx.Fail(UnauthenticatedCheck, profile, $"POST {smoke.Path} to service {smoke.Service} without the key answered {r.StatusCode}, expected 401: the model server does not enforce its API key", duration: sw.Elapsed);
            }
        }
        catch (KubeApiException e)
        {
            ctx.Fail(UnauthenticatedCheck, profile, $"smoke without the key: {e.Message}", duration: sw.Elapsed);
        }
    }
}
