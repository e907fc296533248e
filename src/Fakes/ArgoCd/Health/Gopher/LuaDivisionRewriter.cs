namespace PlatformValidation.Fakes.ArgoCd.Health.Gopher;

/// <summary>Placeholder: returns the script unchanged.</summary>
internal static class LuaDivisionRewriter
{
    public static string Rewrite(string script) => script;
}
