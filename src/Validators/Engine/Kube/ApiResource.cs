using System.Text;

namespace PlatformValidation.Validators.Kube;

/// <summary>
/// A kind as the API server serves it (one entry of a discovery document): group/version, kind, plural resource
/// name, scope and verbs, with the REST paths built from them (<c>/api/v1/…</c> for the core group,
/// <c>/apis/GROUP/VERSION/…</c> otherwise; kube-apiserver's URL layout).
/// </summary>
public sealed record ApiResource(string Group, string Version, string Kind, string Plural, bool Namespaced, IReadOnlyList<string> Verbs)
{
    public ApiResource(string group, string version, string kind, string plural, bool namespaced)
        : this(group, version, kind, plural, namespaced, [])
    {
    }

    public string ApiVersion => Group.Length == 0 ? Version : $"{Group}/{Version}";

    /// <summary><c>group/Kind</c> ("/Kind" for the core group).</summary>
    public string GroupKind => $"{Group}/{Kind}";

    /// <summary>
    /// The path of the collection (no <paramref name="name"/>), an object or its subresource. The namespace segment is
    /// written only for a namespaced kind with a namespace; without one a namespaced collection lists every namespace.
    /// </summary>
    public string Path(string? ns, string? name = null, string? subresource = null)
    {
        var sb = new StringBuilder(Group.Length == 0 ? $"/api/{Version}" : $"/apis/{Group}/{Version}");
        if (Namespaced && !string.IsNullOrEmpty(ns))
        {
            sb.Append("/namespaces/").Append(Uri.EscapeDataString(ns));
        }

        sb.Append('/').Append(Plural);
        if (name is not null)
        {
            sb.Append('/').Append(Uri.EscapeDataString(name));
        }

        if (subresource is not null)
        {
            sb.Append('/').Append(subresource);
        }

        return sb.ToString();
    }

    /// <summary>The collection path, e.g. <c>/apis/apps/v1/namespaces/x/deployments</c>.</summary>
    public string CollectionPath(string? ns) => Path(ns);

    /// <summary>The object path.</summary>
    public string ObjectPath(string? ns, string name) => Path(ns, name);
}
