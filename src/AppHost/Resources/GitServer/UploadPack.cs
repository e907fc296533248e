using LibGit2Sharp;

namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// The server side of git's fetch (upload-pack) over smart HTTP, protocol v0 and v2, read-only.
/// Follows gitprotocol-http (the <c>info/refs?service=</c> advertisement, stateless POSTs), gitprotocol-pack (v0
/// want/have/done negotiation without multi_ack: one ACK for the first common commit, else NAK) and gitprotocol-v2
/// (<c>ls-refs</c>, <c>fetch</c> with its acknowledgments and packfile sections). Any object of the repository may
/// be wanted (as with <c>uploadpack.allowAnySHA1InWant</c>), so a fetch at a SHA works as Argo CD does it. Shallow
/// fetches and filters are not advertised; a request that uses them anyway gets an <c>ERR</c> line, like git when
/// the capability is off.
/// </summary>
public static class UploadPack
{
    public const string Agent = "agent=platform-validation-git/1";

    private const string V0Capabilities = "side-band-64k ofs-delta no-progress allow-tip-sha1-in-want allow-reachable-sha1-in-want object-format=sha1 " + Agent;

    /// <summary>The body of <c>GET info/refs?service=git-upload-pack</c>.</summary>
    public static byte[] Advertise(string gitDirectory, bool version2)
    {
        var output = new MemoryStream();
        if (version2)
        {
            // gitprotocol-v2 "Capability Advertisement"; git's http-backend omits the "# service=" line for v2.
            foreach (var line in new[] { "version 2", Agent, "ls-refs", "fetch", "server-option", "object-format=sha1" })
            {
                output.Write(PktLine.Encode(line + "\n"));
            }

            output.Write(PktLine.Flush);
            return output.ToArray();
        }

        output.Write(PktLine.Encode("# service=git-upload-pack\n"));
        output.Write(PktLine.Flush);
        using var repo = new Repository(gitDirectory);
        var refs = ListRefs(repo);
        var capabilities = V0Capabilities + (SymbolicHead(repo) is { } head ? " symref=HEAD:" + head : string.Empty);
        if (refs.Count == 0)
        {
            output.Write(PktLine.Encode(new string('0', 40) + " capabilities^{}\0" + capabilities + "\n"));
        }

        for (var i = 0; i < refs.Count; i++)
        {
            var (name, sha, peeled) = refs[i];
            output.Write(PktLine.Encode(sha + " " + name + (i == 0 ? "\0" + capabilities : string.Empty) + "\n"));
            if (peeled is not null)
            {
                output.Write(PktLine.Encode(peeled + " " + name + "^{}\n"));
            }
        }

        output.Write(PktLine.Flush);
        return output.ToArray();
    }

    /// <summary>Answers one stateless <c>POST git-upload-pack</c> request.</summary>
    public static async Task RespondAsync(string gitDirectory, IReadOnlyList<string?> request, bool version2, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(output);
        using var repo = new Repository(gitDirectory);
        if (!version2)
        {
            await RespondV0Async(repo, request, output, cancellationToken);
            return;
        }

        var command = request.Count > 0 && request[0] is { } first && first.StartsWith("command=", StringComparison.Ordinal) ? first["command=".Length..] : null;
        var args = request.SkipWhile(l => l != "\u0001").Skip(1).TakeWhile(l => l is not null).Select(l => l!).ToList();
        switch (command)
        {
            case "ls-refs":
                await WriteAsync(output, LsRefs(repo, args), cancellationToken);
                break;
            case "fetch":
                await FetchV2Async(repo, args, output, cancellationToken);
                break;
            default:
                await WriteAsync(output, [PktLine.Encode($"ERR unknown command '{command}'\n")], cancellationToken);
                break;
        }
    }

    private static async Task RespondV0Async(Repository repo, IReadOnlyList<string?> request, Stream output, CancellationToken cancellationToken)
    {
        var wants = new List<ObjectId>();
        var haves = new List<ObjectId>();
        var capabilities = new HashSet<string>(StringComparer.Ordinal);
        var done = false;
        foreach (var line in request.OfType<string>())
        {
            var parts = line.Split(' ');
            switch (parts[0])
            {
                case "want" when parts.Length >= 2:
                    wants.Add(new ObjectId(parts[1]));
                    capabilities.UnionWith(parts.Skip(2));
                    break;
                case "have" when parts.Length >= 2:
                    haves.Add(new ObjectId(parts[1]));
                    break;
                case "done":
                    done = true;
                    break;
                case "shallow" or "deepen" or "deepen-since" or "deepen-not" or "filter":
                    await WriteAsync(output, [PktLine.Encode("ERR shallow and partial fetches are not supported by this server\n")], cancellationToken);
                    return;
                default:
                    await WriteAsync(output, [PktLine.Encode($"ERR protocol error: unexpected '{Truncate(parts[0])}'\n")], cancellationToken);
                    return;
            }
        }

        if (wants.FirstOrDefault(w => repo.ObjectDatabase.Contains(w) is false) is { } missing)
        {
            await WriteAsync(output, [PktLine.Encode($"ERR upload-pack: not our ref {missing.Sha}\n")], cancellationToken);
            return;
        }

        // Without multi_ack git's upload-pack ACKs the first common object once, and says NAK when there is none.
        var common = haves.Where(h => repo.Lookup<Commit>(h) is not null).ToList();
        await output.WriteAsync(PktLine.Encode(common.Count > 0 ? $"ACK {common[0].Sha}\n" : "NAK\n"), cancellationToken);
        if (!done || wants.Count == 0)
        {
            return;
        }

        await SendPackAsync(repo, wants, common, sideBand: capabilities.Contains("side-band-64k"), output, cancellationToken);
    }

    private static async Task FetchV2Async(Repository repo, List<string> args, Stream output, CancellationToken cancellationToken)
    {
        var wants = new List<ObjectId>();
        var haves = new List<ObjectId>();
        var done = false;
        foreach (var parts in args.Select(a => a.Split(' ')))
        {
            switch (parts[0])
            {
                case "want" when parts.Length == 2:
                    wants.Add(new ObjectId(parts[1]));
                    break;
                case "have" when parts.Length == 2:
                    haves.Add(new ObjectId(parts[1]));
                    break;
                case "done":
                    done = true;
                    break;
                case "thin-pack" or "no-progress" or "include-tag" or "ofs-delta":
                    break;
                default:
                    // shallow, deepen*, filter, want-ref, sideband-all, packfile-uris: not advertised.
                    await WriteAsync(output, [PktLine.Encode($"ERR fetch: '{Truncate(parts[0])}' is not supported by this server\n")], cancellationToken);
                    return;
            }
        }

        if (wants.FirstOrDefault(w => repo.ObjectDatabase.Contains(w) is false) is { } missing)
        {
            await WriteAsync(output, [PktLine.Encode($"ERR upload-pack: not our ref {missing.Sha}\n")], cancellationToken);
            return;
        }

        var common = haves.Where(h => repo.Lookup<Commit>(h) is not null).ToList();
        if (!done)
        {
            // The acknowledgments section; "ready" as soon as one commit is common (the pack is then complete).
            var lines = new List<byte[]> { PktLine.Encode("acknowledgments\n") };
            lines.AddRange(common.Count == 0 ? [PktLine.Encode("NAK\n")] : common.Select(c => PktLine.Encode($"ACK {c.Sha}\n")));
            if (common.Count == 0)
            {
                lines.Add(PktLine.Flush);
                await WriteAsync(output, lines, cancellationToken);
                return;
            }

            lines.Add(PktLine.Encode("ready\n"));
            lines.Add(PktLine.Delimiter);
            await WriteAsync(output, lines, cancellationToken);
        }

        await output.WriteAsync(PktLine.Encode("packfile\n"), cancellationToken);
        await SendPackAsync(repo, wants, common, sideBand: true, output, cancellationToken);
    }

    private static async Task SendPackAsync(Repository repo, List<ObjectId> wants, List<ObjectId> common, bool sideBand, Stream output, CancellationToken cancellationToken)
    {
        // A FROM-scratch image may have no /tmp: libgit2 writes the pack to a scratch directory first.
        Directory.CreateDirectory(Path.GetTempPath());
        var scratch = Directory.CreateTempSubdirectory("pv-git-pack-");
        try
        {
            var pack = PackSource.Build(repo, wants, common, scratch.FullName);
            await using var data = File.OpenRead(pack);
            if (sideBand)
            {
                await SideBand.WriteAsync(output, 1, data, cancellationToken);
                await output.WriteAsync(PktLine.Flush, cancellationToken);
            }
            else
            {
                await data.CopyToAsync(output, cancellationToken);
            }
        }
        finally
        {
            scratch.Delete(recursive: true);
        }
    }

    private static List<byte[]> LsRefs(Repository repo, List<string> args)
    {
        var peel = args.Contains("peel");
        var symrefs = args.Contains("symrefs");
        var prefixes = args.Where(a => a.StartsWith("ref-prefix ", StringComparison.Ordinal)).Select(a => a["ref-prefix ".Length..]).ToList();
        bool Wanted(string name) => prefixes.Count == 0 || prefixes.Any(p => name.StartsWith(p, StringComparison.Ordinal));
        var lines = new List<byte[]>();
        if (repo.Head.Tip is { } tip && Wanted("HEAD"))
        {
            var head = SymbolicHead(repo);
            lines.Add(PktLine.Encode(tip.Sha + " HEAD" + (symrefs && head is not null ? " symref-target:" + head : string.Empty) + "\n"));
        }

        foreach (var (name, sha, peeled) in ListRefs(repo).Where(r => r.Name != "HEAD" && Wanted(r.Name)))
        {
            lines.Add(PktLine.Encode(sha + " " + name + (peel && peeled is not null ? " peeled:" + peeled : string.Empty) + "\n"));
        }

        lines.Add(PktLine.Flush);
        return lines;
    }

    /// <summary>HEAD first (when it resolves), then every ref under <c>refs/</c> in byte order, with the peeled tag target.</summary>
    private static List<(string Name, string Sha, string? Peeled)> ListRefs(Repository repo)
    {
        var refs = new List<(string, string, string?)>();
        if (repo.Head.Tip is { } tip)
        {
            refs.Add(("HEAD", tip.Sha, null));
        }

        foreach (var reference in repo.Refs.Where(r => r.CanonicalName.StartsWith("refs/", StringComparison.Ordinal)).OrderBy(r => r.CanonicalName, StringComparer.Ordinal))
        {
            if (reference.ResolveToDirectReference()?.Target is not { } target)
            {
                continue;
            }

            refs.Add((reference.CanonicalName, target.Sha, target is TagAnnotation tag ? tag.Target.Sha : null));
        }

        return refs;
    }

    private static string? SymbolicHead(Repository repo) =>
        repo.Refs.Head is SymbolicReference symbolic ? symbolic.TargetIdentifier : null;

    private static async Task WriteAsync(Stream output, IEnumerable<byte[]> lines, CancellationToken cancellationToken)
    {
        foreach (var line in lines)
        {
            await output.WriteAsync(line, cancellationToken);
        }
    }

    private static string Truncate(string text) => text.Length <= 40 ? text : text[..40];
}
