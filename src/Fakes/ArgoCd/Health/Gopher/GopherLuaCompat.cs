using System.Reflection;

namespace PlatformValidation.Fakes.ArgoCd.Health.Gopher;

/// <summary>
/// Makes NLua's Lua 5.4 behave as the Lua 5.1 of gopher-lua, configured the way Argo CD runs health scripts
/// [argo-cd util/lua/lua.go runLuaWithResourceActionParameters; util/lua/oslib_safe.go]:
/// <list type="bullet">
/// <item>libraries: without <c>useOpenLibs</c> only base, package, table and the safe os (<c>time</c>, <c>date</c>) are
/// open — no <c>string</c>, <c>math</c>, no string methods; with it (every built-in script) also string, math and
/// coroutine. <c>io</c>, <c>debug</c>, file loading and process functions stay closed in the simulation either way;</item>
/// <item>numbers print as gopher-lua prints them (<see cref="GoNumberFormat"/>) through <c>tostring</c>, <c>print</c>,
/// <c>string.format("%s")</c> and <c>table.concat</c>; <c>%d</c>-style conversions truncate a fractional number instead of
/// failing. One difference remains: the <c>..</c> operator formats numbers inside the 5.4 VM, so
/// <c>"x" .. 4/2</c> reads "x2.0" where gopher-lua prints "x2" (docs/conformance.md);</item>
/// <item>5.1 names: <c>unpack</c>, <c>loadstring</c>, <c>table.getn</c>, <c>table.maxn</c>, <c>math.pow</c>,
/// <c>math.mod</c>, <c>math.log10</c>, <c>math.ldexp</c>; 5.2+ names gopher-lua lacks (<c>table.unpack</c>,
/// <c>table.pack</c>, <c>table.move</c>, <c>utf8</c>, <c>string.pack</c>) are removed;</item>
/// <item>a run stops with "context deadline exceeded" after one second (<see cref="ScriptDeadline"/>).</item>
/// </list>
/// </summary>
internal static class GopherLuaCompat
{
    /// <summary>The Lua function installed as <c>__pv_fmtnum</c> before the prelude runs.</summary>
    public static MethodInfo FormatNumberMethod { get; } = typeof(GoNumberFormat).GetMethod(nameof(GoNumberFormat.Format))!;

    /// <summary>The Lua function installed as <c>__pv_expired</c> (bound to a <see cref="ScriptDeadline"/>) before the prelude runs.</summary>
    public static MethodInfo ExpiredMethod => ScriptDeadline.ExpiredMethod;

    /// <summary>
    /// Runs once per state, right after the standard libraries are opened. Argument: useOpenLibs. Returns the function
    /// that arms (true) or disarms (false) the deadline hook around a script run (<see cref="ScriptDeadline"/>).
    /// </summary>
    public static string Prelude { get; } = """
        local openLibs = ...
        local fmtnum = __pv_fmtnum
        local expired = __pv_expired
        __pv_fmtnum, __pv_expired = nil, nil
        local dsethook = debug.sethook
        local type, pairs, select, error, load = type, pairs, select, error, load
        local rawtostring = tostring
        local tconcat, tunpack, tpack = table.concat, table.unpack, table.pack
        local sformat, sfind, ssub = string.format, string.find, string.sub
        local floor, ceil, mtype, tointeger = math.floor, math.ceil, math.type, math.tointeger
        local dsetmetatable = debug.setmetatable

        local function tostr(v)
          if type(v) == "number" then return fmtnum(v) end
          return rawtostring(v)
        end
        tostring = tostr
        -- gopher-lua prints to the controller's stdout; the simulation has no such console, so print is a no-op.
        print = function(...) end
        unpack = tunpack
        loadstring = function(s, name) return load(s, name, "t") end
        load = function(chunk, name) return load(chunk, name, "t") end

        table.getn = function(t) return #t end
        table.setn = function() error("setn is obsolete") end
        table.maxn = function(t)
          local m = 0
          for k in pairs(t) do
            if type(k) == "number" and k > m then m = k end
          end
          return m
        end
        table.concat = function(t, sep, i, j)
          i = i or 1
          j = j or #t
          local parts = {}
          for k = i, j do
            local v = t[k]
            if type(v) == "number" then v = fmtnum(v) end
            parts[k - i + 1] = v
          end
          return tconcat(parts, sep or "", 1, j - i + 1)
        end
        table.unpack, table.pack, table.move = nil, nil, nil

        -- %d, %i, %c, %o, %u, %x, %X take int(n) in gopher-lua (a fraction is cut off, 5.4 would fail);
        -- %s prints numbers the gopher-lua way.
        string.format = function(fmt, ...)
          local args = tpack(...)
          local pos, n = 1, 0
          while true do
            local s = sfind(fmt, "%", pos, true)
            if not s then break end
            if ssub(fmt, s + 1, s + 1) == "%" then
              pos = s + 2
            else
              local _, e, conv = sfind(fmt, "^[-+ #0]*%d*%.?%d*(%a)", s + 1)
              if not e then break end
              n = n + 1
              local v = args[n]
              if type(v) == "number" then
                if sfind("dicouxX", conv, 1, true) and mtype(v) == "float" then
                  local t = v >= 0 and floor(v) or ceil(v)
                  args[n] = tointeger(t) or t
                elseif conv == "s" then
                  args[n] = fmtnum(v)
                end
              end
              pos = e + 1
            end
          end
          return sformat(fmt, tunpack(args, 1, args.n))
        end
        string.pack, string.unpack, string.packsize = nil, nil, nil

        math.pow = function(x, y) return x ^ y end
        math.mod = math.fmod
        math.log10 = function(x) return math.log(x, 10) end
        math.ldexp = function(m, e) return m * 2.0 ^ e end
        math.tointeger, math.type, math.ult = nil, nil, nil

        -- Argo CD's safe os: only time and date, also reachable as require("os").
        local safeOs = { time = os.time, date = os.date }
        os = safeOs
        package.loaded.os = safeOs
        package.preload.os = function() return safeOs end
        io, debug, utf8, dofile, loadfile, collectgarbage, warn = nil, nil, nil, nil, nil, nil, nil
        package.loaded.io, package.loaded.debug, package.loaded.utf8 = nil, nil, nil
        package.searchers = { package.searchers[1] }
        package.cpath, package.path = "", ""
        package.loadlib = nil

        if not openLibs then
          string, math, coroutine = nil, nil, nil
          package.loaded.string, package.loaded.math, package.loaded.coroutine = nil, nil, nil
          -- gopher-lua gives strings their methods only when the string library is opened.
          dsetmetatable("", nil)
        end

        -- Level 2: the error names the script line that was running, as gopher-lua's RaiseError does.
        local function overdue() error("context deadline exceeded", 2) end
        local function watch()
          if expired() then
            dsethook(overdue, "", 1)
            error("context deadline exceeded", 2)
          end
        end
        return function(on)
          if on then dsethook(watch, "", CHECK_EVERY) else dsethook() end
        end
        """.Replace("CHECK_EVERY", ScriptDeadline.CheckEveryInstructions.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
}
