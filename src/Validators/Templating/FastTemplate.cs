namespace PlatformValidation.Validators.Templating;

/// <summary>
/// Argo CD's default ApplicationSet templating (valyala/fasttemplate with <c>{{</c> <c>}}</c>): each
/// <c>{{ key }}</c> whose trimmed key is a string parameter is replaced; anything else is left verbatim
/// [ARGOCD-SEMANTICS §7.2; applicationset/utils/utils.go Replace].
/// </summary>
public static class FastTemplate
{
    /// <summary>Replaces known <c>{{key}}</c> tags in <paramref name="template"/>.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> parameters) => throw new NotImplementedException();
}
