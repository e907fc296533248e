using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using NLua;
using NLua.Exceptions;

namespace PlatformValidation.Fakes.ArgoCd.Health;

/// <summary>
/// A Lua health script as declared in <c>argocd-cm</c> <c>resource.customizations.health.&lt;group_kind&gt;</c>: the
/// object is exposed as the global <c>obj</c>, the script returns a table with <c>status</c> and <c>message</c>.
/// A runtime error or a status outside the six codes yields Unknown [om/health; util/lua/lua.go ExecuteHealthLua].
/// Runs on NLua (KeraLua's bundled native Lua 5.4).
/// </summary>
public sealed class LuaHealthScript : IDisposable
{
    private readonly Lock gate = new();
    private readonly string name;
    private Lua? lua;
    private LuaFunction? compiled;
    private string? loadError;

    public LuaHealthScript(string name, string script)
    {
        ArgumentNullException.ThrowIfNull(script);
        this.name = name;
        Script = script;
        try
        {
            lua = new Lua();
            // The sandbox Argo CD gives health scripts has no file or process access.
            lua.DoString("os.execute = nil; os.remove = nil; os.rename = nil; os.exit = nil; io = nil; dofile = nil; loadfile = nil");
            compiled = lua.LoadString(script, name);
        }
        catch (Exception e) when (e is LuaException or DllNotFoundException or TypeInitializationException or EntryPointNotFoundException or BadImageFormatException)
        {
            loadError = e is LuaException
                ? $"failed to load health script {name}: {e.Message}"
                : $"Lua runtime unavailable for health script {name}: {e.Message}. KeraLua's native lua54 library must load on this platform.";
        }
    }

    public string Script { get; }

    /// <summary>Checks that the native Lua runtime loads here; returns an actionable error message or null.</summary>
    public static string? ProbeRuntime()
    {
        using var probe = new LuaHealthScript("probe", "return {status = \"Healthy\"}");
        return probe.loadError;
    }

    public HealthStatus Evaluate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (gate)
        {
            if (loadError is not null || lua is null || compiled is null)
            {
                return HealthStatus.Unknown(loadError ?? "health script unavailable");
            }

            try
            {
                var table = (LuaTable)lua.DoString("return " + ToLuaLiteral(obj), "obj")[0];
                lua["obj"] = table;
                var result = compiled.Call();
                if (result.Length == 0 || result[0] is not LuaTable hs)
                {
                    return HealthStatus.Unknown($"health script {name} returned no table");
                }

                var status = hs["status"] as string;
                var message = hs["message"] as string ?? string.Empty;
                if (!HealthStatus.TryParse(status, out var code))
                {
                    return HealthStatus.Unknown($"health script {name} returned invalid status '{status}'");
                }

                return new HealthStatus(code, message);
            }
            catch (LuaException e)
            {
                return HealthStatus.Unknown(e.Message);
            }
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            compiled?.Dispose();
            lua?.Dispose();
            compiled = null;
            lua = null;
        }
    }

    internal static string ToLuaLiteral(JsonNode? node)
    {
        var sb = new StringBuilder();
        Write(sb, node);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonNode? node)
    {
        switch (node)
        {
            case null:
                sb.Append("nil");
                break;
            case JsonObject o:
                sb.Append('{');
                foreach (var (k, v) in o)
                {
                    if (v is null)
                    {
                        continue;
                    }

                    sb.Append('[');
                    Quote(sb, k);
                    sb.Append("]=");
                    Write(sb, v);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            case JsonArray a:
                sb.Append('{');
                foreach (var v in a)
                {
                    Write(sb, v);
                    sb.Append(',');
                }

                sb.Append('}');
                break;
            case JsonValue v:
                switch (v.GetValueKind())
                {
                    case JsonValueKind.String:
                        Quote(sb, v.GetValue<string>());
                        break;
                    case JsonValueKind.True:
                        sb.Append("true");
                        break;
                    case JsonValueKind.False:
                        sb.Append("false");
                        break;
                    case JsonValueKind.Number:
                        sb.Append(double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) ? d.ToString("R", CultureInfo.InvariantCulture) : "0");
                        break;
                    default:
                        sb.Append("nil");
                        break;
                }

                break;
        }
    }

    private static void Quote(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var ch in s)
        {
            switch (ch)
            {
                case '\\': sb.Append("\\\\"); break;
                case '"': sb.Append("\\\""); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (ch < 0x20)
                    {
                        sb.Append('\\').Append(((int)ch).ToString("000", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(ch);
                    }

                    break;
            }
        }

        sb.Append('"');
    }
}
