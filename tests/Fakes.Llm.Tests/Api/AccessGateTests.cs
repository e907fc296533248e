using System.Net;
using PlatformValidation.Fakes.Llm.Auth;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Api;

/// <summary>
/// Routes match exactly as Starlette's do (case-sensitive, trailing slash redirected) and one gate sits in front of
/// them: vLLM's API-key rule (guarded prefixes /v1, /v2, /inference, /cohere, compared case-sensitively; source:
/// vllm/entrypoints/serve/middleware/authenticate.py) plus the admin key on fake-llm's /admin/*, which is off unless
/// enabled.
/// </summary>
[CancelAfter(TestTimeouts.CancelAfterMs)]
public sealed class AccessGateTests
{
    private const string Key = "gate-api-key";
    private const string AdminKey = "gate-admin-key";
    private const string ChatBody = """{"messages":[{"role":"user","content":"x"}]}""";

    [Test]
    public async Task UppercaseV1IsNotFoundAndDoesNotBypassTheKey()
    {
        // Issue: POST /V1/chat/completions answered 200 without a key (ASP.NET routing ignores case, the key check did not).
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key] });
        using var anonymous = LlmClient.Create(server.Uri);
        using var keyed = LlmClient.Create(server.Uri, Key);

        var (upper, upperBody, _) = await LlmClient.PostAsync(anonymous, "V1/chat/completions", ChatBody);
        var (upperKeyed, _, _) = await LlmClient.PostAsync(keyed, "V1/chat/completions", ChatBody);
        var (mixed, _, _) = await LlmClient.PostAsync(anonymous, "v1/Chat/Completions", ChatBody);
        var (lower, _, lowerRaw) = await LlmClient.PostAsync(anonymous, "v1/chat/completions", ChatBody);
        var (exact, _, _) = await LlmClient.PostAsync(keyed, "v1/chat/completions", ChatBody);

        Assert.Multiple(() =>
        {
            Assert.That(upper, Is.EqualTo(404), "vLLM's routes are case-sensitive: /V1/… does not exist");
            Assert.That(upperBody!["detail"]!.GetValue<string>(), Is.EqualTo("Not Found"));
            Assert.That(upperKeyed, Is.EqualTo(404), "a key does not make /V1/… exist either");
            Assert.That(mixed, Is.EqualTo(401), "/v1/Chat/… is under the guarded prefix /v1: 401 before routing, as in vLLM");
            Assert.That(lower, Is.EqualTo(401));
            Assert.That(lowerRaw, Is.EqualTo("""{"error":"Unauthorized"}"""));
            Assert.That(exact, Is.EqualTo(200));
        });
    }

    [Test]
    public async Task PathTricksNeverReachARouteWithoutTheKey()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key] });
        using var raw = new HttpClient { Timeout = TestTimeouts.Short };
        foreach (var path in new[] { "//v1/chat/completions", "/V1/completions", "/%56%31/chat/completions", "/v1%2Fchat%2Fcompletions", "/tokenize/../v1/chat/completions" })
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new UriBuilder(server.Uri) { Path = path }.Uri) { Content = LlmClient.Json(ChatBody) };
            using var response = await raw.SendAsync(request);
            Assert.That((int)response.StatusCode, Is.AnyOf(401, 404), path);
        }
    }

    [Test]
    public async Task TrailingSlashIsRedirectedLikeStarlette()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions());
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = server.Uri, Timeout = TestTimeouts.Short };

        using var response = await http.GetAsync("v1/models/");

        Assert.That((int)response.StatusCode, Is.EqualTo(307));
        Assert.That(response.Headers.Location!.AbsolutePath, Is.EqualTo("/v1/models"));
    }

    [Test]
    public async Task OpenRoutesAreExactlyTheOnesVllmLeavesUnguarded()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key], EnableAdmin = true });
        using var anonymous = LlmClient.Create(server.Uri);

        var statuses = new Dictionary<string, int>();
        foreach (var path in new[] { "health", "ping", "version", "load", "metrics", "v1/models", "admin/config" })
        {
            statuses[path] = (int)(await anonymous.GetAsync(path)).StatusCode;
        }

        statuses["tokenize"] = (await LlmClient.PostAsync(anonymous, "tokenize", """{"prompt":"hi"}""")).Status;
        statuses["detokenize"] = (await LlmClient.PostAsync(anonymous, "detokenize", """{"tokens":[1,2]}""")).Status;

        Assert.That(statuses, Is.EqualTo(new Dictionary<string, int>
        {
            ["health"] = 200, ["ping"] = 200, ["version"] = 200, ["load"] = 200, ["metrics"] = 200, ["tokenize"] = 200, ["detokenize"] = 200,
            ["v1/models"] = 401, ["admin/config"] = 401,
        }));
        Assert.That(AccessGate.Classify("/v2/rerank"), Is.EqualTo(AccessRule.ApiKey));
        Assert.That(AccessGate.Classify("/inference/v1/generate"), Is.EqualTo(AccessRule.ApiKey));
        Assert.That(AccessGate.Classify("/cohere/v1/chat"), Is.EqualTo(AccessRule.ApiKey));
        Assert.That(AccessGate.Classify("/admin"), Is.EqualTo(AccessRule.Admin));
        Assert.That(AccessGate.Classify("/administrator"), Is.EqualTo(AccessRule.Open));
    }

    [Test]
    public async Task AdminIsOffUnlessEnabled()
    {
        // Issue: POST /admin/config needed no key while --api-key was set, so anyone local could inject faults.
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key] });
        using var keyed = LlmClient.Create(server.Uri, Key);

        var (post, body, _) = await LlmClient.PostAsync(keyed, "admin/config", """{"faults":{"unhealthy":true}}""");
        var get = await keyed.GetAsync("admin/config");

        Assert.Multiple(() =>
        {
            Assert.That(post, Is.EqualTo(404));
            Assert.That(body!["detail"]!.GetValue<string>(), Is.EqualTo("Not Found"));
            Assert.That((int)get.StatusCode, Is.EqualTo(404));
            Assert.That(server.IsHealthy, Is.True, "the fault was not injected");
        });
    }

    [Test]
    public async Task EnabledAdminNeedsTheApiKeyWhenNoAdminKeyIsSet()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key], EnableAdmin = true });
        using var anonymous = LlmClient.Create(server.Uri);
        using var keyed = LlmClient.Create(server.Uri, Key);

        var (denied, _, deniedRaw) = await LlmClient.PostAsync(anonymous, "admin/config", """{"faults":{"unhealthy":true}}""");
        var healthyAfterDenied = server.IsHealthy;
        var (allowed, _, _) = await LlmClient.PostAsync(keyed, "admin/config", """{"faults":{"unhealthy":true}}""");

        Assert.Multiple(() =>
        {
            Assert.That(denied, Is.EqualTo(401));
            Assert.That(deniedRaw, Is.EqualTo("""{"error":"Unauthorized"}"""));
            Assert.That(healthyAfterDenied, Is.True);
            Assert.That(allowed, Is.EqualTo(200));
            Assert.That(server.IsHealthy, Is.False);
        });
    }

    [Test]
    public async Task AdminKeyIsSeparateFromTheApiKey()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key], AdminKeys = [AdminKey], EnableAdmin = true });
        using var api = LlmClient.Create(server.Uri, Key);
        using var admin = LlmClient.Create(server.Uri, AdminKey);

        var apiOnAdmin = (int)(await api.GetAsync("admin/config")).StatusCode;
        var adminOnAdmin = (int)(await admin.GetAsync("admin/config")).StatusCode;
        var (adminOnChat, _, _) = await LlmClient.PostAsync(admin, "v1/chat/completions", ChatBody);

        Assert.Multiple(() =>
        {
            Assert.That(apiOnAdmin, Is.EqualTo(401), "the API key does not open /admin when an admin key is set");
            Assert.That(adminOnAdmin, Is.EqualTo(200));
            Assert.That(adminOnChat, Is.EqualTo(401), "the admin key is not an API key");
            Assert.That(server.Log.Snapshot(), Has.None.Contain(AdminKey).And.None.Contain(Key));
        });
    }

    [Test]
    public async Task OptionsIsExemptOnlyOnApiRoutesAsInVllm()
    {
        await using var server = await FakeLlmServer.StartAsync(new FakeLlmOptions { ApiKeys = [Key], EnableAdmin = true });
        using var anonymous = LlmClient.Create(server.Uri);

        using var apiOptions = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "v1/models"));
        using var adminOptions = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Options, "admin/config"));

        Assert.That((int)apiOptions.StatusCode, Is.EqualTo((int)HttpStatusCode.MethodNotAllowed), "vLLM's middleware skips OPTIONS; the route then refuses the method");
        Assert.That((int)adminOptions.StatusCode, Is.EqualTo(401));
    }
}
