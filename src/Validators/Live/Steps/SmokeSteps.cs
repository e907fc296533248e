using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.Validators.Live.Steps;

/// <summary>
/// The <c>make smoke</c> equivalent: an authenticated <c>POST /v1/chat/completions</c> through a port-forward to the
/// model Service's pod must answer 200, and the same request without the key must answer 401. (Not the service proxy:
/// kube-apiserver consumes the Authorization header when it authenticates, so an API key never gets through it.) The key never appears in any output:
/// it is registered with the redactor the moment it is read.
/// </summary>
public static class SmokeSteps
{
    public const string SmokeCheck = "smoke";

    /// <summary>Reads the smoke API key from the scenario's Secret or environment variable.</summary>
    public static async Task<string?> ApiKeyAsync(RunContext ctx, SmokeRequest smoke, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(smoke);
        string? key = null;
        if (smoke.ApiKeyEnvironmentVariable is { } variable)
        {
            key = Environment.GetEnvironmentVariable(variable);
        }

        if (key is null && smoke.ApiKeySecret is { } secretRef)
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

    /// <summary>Runs the smoke (200 with the key, 401 without) and records one check for each.</summary>
    public static async Task RunAsync(RunContext ctx, SmokeRequest smoke, string? profile, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ctx);
        ArgumentNullException.ThrowIfNull(smoke);
        var key = await ApiKeyAsync(ctx, smoke, cancellationToken);
        var where = smoke.ApiKeySecret is { } s ? $"Secret {s.Namespace}/{s.Name} key {s.Key}" : $"${smoke.ApiKeyEnvironmentVariable}";
        if (string.IsNullOrEmpty(key))
        {
            ctx.Fail(SmokeCheck, profile, $"smoke: no API key found in {where}; the model server's key must exist before the smoke can authenticate");
            return;
        }

        var body = new JsonObject
        {
            ["model"] = smoke.Model,
            ["messages"] = new JsonArray(new JsonObject { ["role"] = "user", ["content"] = "Say hello." }),
            ["max_tokens"] = 8,
        }.ToJsonString();
        var sw = Stopwatch.StartNew();
        try
        {
            var authorized = await ctx.WaitUntilAsync(
                $"an authenticated POST {smoke.Path} to {smoke.Service} to answer 200",
                "smoke",
                ctx.Timeouts.Smoke,
                async token =>
                {
                    try
                    {
                        var r = await ctx.PortForward.SendAsync(smoke.Service, HttpMethod.Post, smoke.Path, body, new Dictionary<string, string> { ["Authorization"] = "Bearer " + key }, token);
                        return (r.StatusCode == 200, r, $"answered {r.StatusCode}");
                    }
                    catch (KubeApiException e)
                    {
                        // Not reachable yet (pod starting, forward refused): keep waiting, and say why if time runs out.
                        return (false, new ProxyResponse(0, string.Empty), e.Message);
                    }
                },
                cancellationToken);
            var answered = JsonNode.Parse(authorized.Body)?["choices"] is JsonArray { Count: > 0 };
            if (answered)
            {
                ctx.Pass(SmokeCheck, profile, $"POST {smoke.Path} to {smoke.Service} with the key answered 200 with a completion", duration: sw.Elapsed);
            }
            else
            {
                ctx.Fail(SmokeCheck, profile, $"POST {smoke.Path} to {smoke.Service} answered 200 but without `choices`: not an OpenAI chat completion", duration: sw.Elapsed);
            }
        }
        catch (Exception e) when (e is WaitTimeoutException or KubeApiException or System.Text.Json.JsonException)
        {
            ctx.Fail(SmokeCheck, profile, $"smoke with the key: {e.Message}", duration: sw.Elapsed);
        }

        sw.Restart();
        try
        {
            var r = await ctx.PortForward.SendAsync(smoke.Service, HttpMethod.Post, smoke.Path, body, null, cancellationToken);
            if (r.StatusCode == 401)
            {
                ctx.Pass("smoke-unauthenticated", profile, $"POST {smoke.Path} to {smoke.Service} without the key answered 401", duration: sw.Elapsed);
            }
            else
            {
                ctx.Fail("smoke-unauthenticated", profile, $"POST {smoke.Path} to {smoke.Service} without the key answered {r.StatusCode}, expected 401: the model server does not enforce its API key", duration: sw.Elapsed);
            }
        }
        catch (KubeApiException e)
        {
            ctx.Fail("smoke-unauthenticated", profile, $"smoke without the key: {e.Message}", duration: sw.Elapsed);
        }
    }
}
