using PlatformValidation.Fakes.Llm.Api;
using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Lora;

/// <summary>
/// Which <c>lora_path</c> a runtime load may name. vLLM takes a local directory (relative paths from its working
/// directory) or a Hugging Face repo id and answers 404 <c>Loading lora NAME failed: No adapter found for PATH</c> when
/// nothing is there (<c>LoRAAdapterNotFoundError</c>, <c>vllm/exceptions.py</c>; mapped to 404 by
/// <c>create_error_response</c>). vLLM itself reads any path it is given; the fake is stricter so a test server never
/// becomes a way to probe the host's files: with <c>--lora-root</c> the path must resolve — symbolic links followed —
/// inside that directory and exist there; without it paths are labels (nothing is read) and one that climbs with
/// <c>..</c> is refused. Control characters and paths over <see cref="LoraOptions.MaxPathLength"/> are refused either way.
/// </summary>
public sealed class LoraPathPolicy
{
    private readonly string? root;

    /// <param name="root">The LoRA root (<c>--lora-root</c>), or null for label-only paths.</param>
    public LoraPathPolicy(string? root)
    {
        if (root is null)
        {
            return;
        }

        var full = Path.GetFullPath(root);
        try
        {
            this.root = Canonical(full, 0);
        }
        catch (IOException)
        {
            this.root = full;
        }
    }

    /// <summary>Throws <see cref="ApiError"/> (400 <c>InvalidUserInput</c>, or 404 for a missing adapter under the root) unless <paramref name="path"/> may be loaded as <paramref name="name"/>.</summary>
    public void Check(string name, string path)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(path);
        if (name.Length > LoraOptions.MaxPathLength || path.Length > LoraOptions.MaxPathLength)
        {
            throw Invalid($"'lora_name' and 'lora_path' must be at most {LoraOptions.MaxPathLength} characters.");
        }

        if (name.Any(char.IsControl) || path.Any(char.IsControl))
        {
            throw Invalid("'lora_name' and 'lora_path' must not contain control characters.");
        }

        if (root is null)
        {
            if (path.Split('/', '\\').Any(segment => segment == ".."))
            {
                throw Invalid($"The lora path '{path}' climbs out of its directory with '..': give the adapter's own path (start the server with --lora-root DIR to load adapters from a directory).");
            }

            return;
        }

        string resolved;
        try
        {
            resolved = Canonical(Path.GetFullPath(path, root), 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw NotFound(name, path);
        }

        if (!IsInside(resolved))
        {
            throw Invalid($"The lora path '{path}' is outside the server's LoRA root (--lora-root): give a path inside it.");
        }

        if (!Directory.Exists(resolved))
        {
            throw NotFound(name, path);
        }
    }

    private bool IsInside(string full) =>
        full.Equals(root, StringComparison.Ordinal) || full.StartsWith(root!.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link on it resolved (as far as the path exists); at most 40 links deep, as Linux's MAXSYMLINKS.</summary>
    private static string Canonical(string full, int depth)
    {
        if (depth > 40)
        {
            throw new IOException("Too many levels of symbolic links.");
        }

        var rootPart = Path.GetPathRoot(full) ?? "/";
        var current = rootPart;
        foreach (var segment in full[rootPart.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, segment);
            var info = new FileInfo(current);
            if (info.Exists || Directory.Exists(current))
            {
                var target = (info.LinkTarget is not null ? info.ResolveLinkTarget(returnFinalTarget: true) : null)
                    ?? (new DirectoryInfo(current).LinkTarget is not null ? new DirectoryInfo(current).ResolveLinkTarget(returnFinalTarget: true) : null);
                if (target is not null)
                {
                    current = Canonical(target.FullName, depth + 1);
                }
            }
        }

        return current;
    }

    private static ApiError Invalid(string message) => new(400, "InvalidUserInput", message);

    private static ApiError NotFound(string name, string path) => new(404, "NotFoundError", $"Loading lora {name} failed: No adapter found for {path}");
}
