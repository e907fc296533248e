using System.Collections.Concurrent;
using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.Llm.Generation;

/// <summary>
/// The simple, documented tokenizer every count comes from. Text splits into pieces, each one token: an optional
/// leading space plus up to 8 letters, an optional leading space plus up to 3 digits, an optional leading space plus
/// one other symbol, or a run of whitespace. A piece's id is the FNV-1a hash of its UTF-8 bytes modulo 128,000; the
/// chat-template markers are special tokens 128,000 and up (Llama 3's layout). Detokenizing joins the pieces, so
/// tokenize → detokenize gives the text back for every id this server has produced.
/// </summary>
public sealed partial class Tokenizer
{
    public const int VocabSize = 128_256;
    public const int FirstSpecialId = 128_000;
    public const string BeginOfText = "<|begin_of_text|>";
    public const string StartHeader = "<|start_header_id|>";
    public const string EndHeader = "<|end_header_id|>";
    public const string EndOfTurn = "<|eot_id|>";

    private const int MaxRemembered = 1_000_000;

    private static readonly string[] Specials = [BeginOfText, "<|end_of_text|>", "<|reserved_special_token_0|>", "<|reserved_special_token_1|>", "<|finetune_right_pad_id|>", "<|step_id|>", StartHeader, EndHeader, "<|eom_id|>", EndOfTurn, "<|python_tag|>"];

    private readonly ConcurrentDictionary<int, string> pieces = new();

    public static Tokenizer Shared { get; } = new();

    public static int SpecialId(string special)
    {
        var index = Array.IndexOf(Specials, special);
        return index < 0 ? throw new ArgumentException($"{special} is not a special token.", nameof(special)) : FirstSpecialId + index;
    }

    /// <summary>Splits text into token pieces.</summary>
    public static IReadOnlyList<string> Pieces(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<string>(text.Length / 3 + 1);
        foreach (var match in PiecePattern().EnumerateMatches(text))
        {
            result.Add(text.Substring(match.Index, match.Length));
        }

        return result;
    }

    /// <summary>Number of tokens in <paramref name="text"/>, without allocating the pieces.</summary>
    public static int Count(string text)
    {
        var count = 0;
        foreach (var _ in PiecePattern().EnumerateMatches(text))
        {
            count++;
        }

        return count;
    }

    public int Id(string piece)
    {
        var special = Array.IndexOf(Specials, piece);
        if (special >= 0)
        {
            return FirstSpecialId + special;
        }

        uint hash = 2166136261;
        Span<byte> buffer = piece.Length <= 64 ? stackalloc byte[256] : new byte[Encoding.UTF8.GetMaxByteCount(piece.Length)];
        var length = Encoding.UTF8.GetBytes(piece, buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * 16777619;
        }

        var id = (int)(hash % FirstSpecialId);
        if (!pieces.ContainsKey(id) && pieces.Count < MaxRemembered)
        {
            pieces.TryAdd(id, piece);
        }

        return id;
    }

    public List<int> Encode(string text)
    {
        var ids = new List<int>();
        foreach (var match in PiecePattern().EnumerateMatches(text))
        {
            ids.Add(Id(text.Substring(match.Index, match.Length)));
        }

        return ids;
    }

    /// <summary>The piece for an id; ids this server never produced decode to <c>&lt;|tok_N|&gt;</c>.</summary>
    public string Decode(int id)
    {
        if (id >= FirstSpecialId)
        {
            var index = id - FirstSpecialId;
            return index < Specials.Length ? Specials[index] : $"<|reserved_special_token_{index}|>";
        }

        return pieces.TryGetValue(id, out var piece) ? piece : $"<|tok_{id}|>";
    }

    public string Decode(IEnumerable<int> ids) => string.Concat(ids.Select(Decode));

    [GeneratedRegex(@"\s?\p{L}{1,8}|\s?\p{N}{1,3}|\s?[^\s\p{L}\p{N}]|\s+", RegexOptions.CultureInvariant)]
    private static partial Regex PiecePattern();
}
