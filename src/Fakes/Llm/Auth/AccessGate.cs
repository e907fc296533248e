namespace PlatformValidation.Fakes.Llm.Auth;

/// <summary>Which key, if any, a request path needs.</summary>
public enum AccessRule
{
    /// <summary>No key: vLLM leaves every path outside its guarded prefixes open (<c>/health</c>, <c>/metrics</c>, <c>/tokenize</c>, …).</summary>
    Open,

    /// <summary>An API key: paths starting with one of vLLM's guarded prefixes (<c>/v1</c>, <c>/v2</c>, <c>/inference</c>, <c>/cohere</c>).</summary>
    ApiKey,

    /// <summary>The admin key (else the API key): fake-llm's own <c>/admin/*</c>.</summary>
    Admin,
}

/// <summary>
/// The one authentication gate in front of every route. vLLM's <c>AuthenticationMiddleware</c>
/// (<c>vllm/entrypoints/serve/middleware/authenticate.py</c>) checks, when keys are configured, every request whose path
/// starts with a guarded prefix — compared case-sensitively, before routing, OPTIONS excepted — and answers
/// <c>401 {"error": "Unauthorized"}</c>; everything else stays open. fake-llm adds <c>/admin/*</c> (its fault-injection
/// API, which vLLM does not have): guarded on every method by <c>--admin-key</c>, else by the API keys.
/// </summary>
public sealed class AccessGate
{
    private const string AdminPrefix = "/admin";

    private readonly ApiKeyCheck apiKeys;
    private readonly ApiKeyCheck adminKeys;

    public AccessGate(IEnumerable<string> apiKeys, IEnumerable<string> adminKeys)
    {
        ArgumentNullException.ThrowIfNull(apiKeys);
        ArgumentNullException.ThrowIfNull(adminKeys);
        this.apiKeys = new ApiKeyCheck(apiKeys);
        var admin = new ApiKeyCheck(adminKeys);
        this.adminKeys = admin.Enabled ? admin : this.apiKeys;
    }

    /// <summary>Whether <c>/admin/*</c> needs a key (false: anyone who reaches the port may use it).</summary>
    public bool AdminGuarded => adminKeys.Enabled;

    /// <summary>The rule for <paramref name="path"/> (ordinal: <c>/V1/…</c> is not a guarded path, as in vLLM).</summary>
    public static AccessRule Classify(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Equals(AdminPrefix, StringComparison.Ordinal) || path.StartsWith(AdminPrefix + "/", StringComparison.Ordinal))
        {
            return AccessRule.Admin;
        }

        return ApiKeyCheck.GuardedPrefixes.Any(p => path.StartsWith(p, StringComparison.Ordinal)) ? AccessRule.ApiKey : AccessRule.Open;
    }

    /// <summary>True when a request with this method, path and <c>Authorization</c> header may pass.</summary>
    public bool Allows(string method, string path, string? authorization)
    {
        ArgumentNullException.ThrowIfNull(method);
        return Classify(path) switch
        {
            AccessRule.ApiKey => !apiKeys.Enabled || string.Equals(method, "OPTIONS", StringComparison.Ordinal) || apiKeys.Verify(authorization),
            AccessRule.Admin => !adminKeys.Enabled || adminKeys.Verify(authorization),
            _ => true,
        };
    }
}
