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
/// Runs on NLua (KeraLua's bundled native Lua 5.4) made to behave as Argo CD's gopher-lua (Lua 5.1) by
/// <see cref="Gopher.GopherLuaCompat"/>: which libraries are open depends on <c>useOpenLibs</c> (argocd-cm
/// <c>resource.customizations.useOpenLibs.&lt;group_kind&gt;</c>; always on for Argo CD's built-in scripts).
/// </summary>
public sealed class LuaHealthScript : IDisposable
{
    private readonly Lock gate = new();
    private readonly string name;
    private readonly Gopher.ScriptDeadline deadline = new();
    private Lua? lua;
    private LuaFunction? compiled;
    private LuaFunction? watch;
    private string? loadError;

    public LuaHealthScript(string name, string script, bool useOpenLibs = false)
    {
        ArgumentNullException.ThrowIfNull(script);
        this.name = name;
        Script = script;
        UseOpenLibs = useOpenLibs;
        try
        {
            lua = new NLua.Lua();
            lua.State.Encoding = Encoding.UTF8;
            lua.RegisterFunction("__pv_fmtnum", Gopher.GopherLuaCompat.FormatNumberMethod);
            lua.RegisterFunction("__pv_expired", deadline, Gopher.GopherLuaCompat.ExpiredMethod);
            using (var prelude = lua.LoadString(Gopher.GopherLuaCompat.Prelude, "compat"))
            {
                watch = (LuaFunction)prelude.Call(useOpenLibs)[0];
            }

            // Argo CD runs every evaluation in a new state; globals a script sets are cleared after each run instead.
            lua.DoString("local b = { __pv_base = true } for k in pairs(_G) do b[k] = true end __pv_base = b", "compat");
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

    /// <summary>Whether the string, math and coroutine libraries are open (Argo CD's <c>useOpenLibs</c>).</summary>
    public bool UseOpenLibs { get; }

    /// <summary>Checks that the native Lua runtime loads here; returns an actionable error message or null.</summary>
    public static string? ProbeRuntime()
    {
        using var probe = new LuaHealthScript("probe", "return {status = \"Healthy\"}");
        return probe.loadError;
    }

    /// <summary>Runs the script against <paramref name="obj"/> within Argo CD's one-second budget (<see cref="Gopher.ScriptDeadline"/>).</summary>
    public HealthStatus Evaluate(JsonObject obj) => Evaluate(obj, Gopher.ScriptDeadline.Budget);

    /// <summary>Runs the script with another budget (tests; Argo CD always uses one second).</summary>
    public HealthStatus Evaluate(JsonObject obj, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(obj);
        lock (gate)
        {
            if (loadError is not null || lua is null || compiled is null || watch is null)
            {
                return HealthStatus.Unknown(loadError ?? "health script unavailable");
            }

            try
            {
                var table = (LuaTable)lua.DoString("return " + ToLuaLiteral(obj), "obj")[0];
                lua["obj"] = table;
                object[] result;
                try
                {
                    deadline.Start(budget);
                    watch.Call(true);
                    result = compiled.Call();
                }
                finally
                {
                    watch.Call(false);
                    deadline.Stop();
                    lua.DoString("for k in pairs(_G) do if not __pv_base[k] then _G[k] = nil end end", "compat");
                }

                if (result.Length == 0 || result[0] is not LuaTable hs)
                {
                    return HealthStatus.Unknown($"health script {name} returned no table");
                }

                var status = hs["status"] as string;
                var message = hs["message"] as string ?? string.Empty;
                if (!HealthStatus.TryParse(status, out var code))
                {
                    // [util/lua/lua.go ExecuteHealthLua: invalidHealthStatus]
                    return HealthStatus.Unknown("Lua returned an invalid health status");
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
            watch?.Dispose();
            lua?.Dispose();
            compiled = null;
            watch = null;
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
                    if (v is null)
                    {
                        continue; // gopher-lua's LTable.Append drops nil: [1, null, 3] is {1, 3}
                    }

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
                        // Every gopher-lua number is a float64; here an integral one becomes a 5.4 integer so it prints
                        // without ".0" as gopher-lua prints it.
                        var d = double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) ? parsed : 0;
                        sb.Append(d == Math.Floor(d) && Math.Abs(d) < 9.0E15 ? ((long)d).ToString(CultureInfo.InvariantCulture) : d.ToString("R", CultureInfo.InvariantCulture));
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
