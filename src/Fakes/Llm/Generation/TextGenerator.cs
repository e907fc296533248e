using System.Text;
using PlatformValidation.Fakes.Llm.Configuration;

namespace PlatformValidation.Fakes.Llm.Generation;

/// <summary>
/// Makes up completions: in random mode, sentences of lexicon words drawn from a seeded generator (the same seed and
/// request give the same text; temperature 0 derives the seed from the prompt); in echo mode, the prompt's last user
/// text. Lengths honour max_tokens (finish_reason <c>length</c>), min_tokens, ignore_eos and stop strings
/// (finish_reason <c>stop</c> with <c>stop_reason</c> = the matched string).
/// </summary>
public static class TextGenerator
{
    public static GeneratedText Generate(GenerationMode mode, string echoSource, Random random, int naturalLength, GenerationLimits limits)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentNullException.ThrowIfNull(limits);
        var target = limits.IgnoreEos ? limits.MaxTokens : Math.Max(naturalLength, limits.MinTokens);
        var pieces = new List<string>(Math.Min(target, 4096));
        string finish;
        if (mode == GenerationMode.Echo)
        {
            pieces.AddRange(Tokenizer.Pieces(echoSource));
            if (pieces.Count == 0)
            {
                pieces.Add(".");
            }

            var minimum = limits.IgnoreEos ? limits.MaxTokens : limits.MinTokens;
            var again = Tokenizer.Pieces(" " + echoSource.TrimStart());
            while (pieces.Count < minimum && again.Count > 0)
            {
                pieces.AddRange(again);
            }

            finish = pieces.Count >= limits.MaxTokens && (limits.IgnoreEos || pieces.Count > limits.MaxTokens) ? "length" : "stop";
        }
        else
        {
            var sentenceStart = true;
            var wordsInSentence = 0;
            var count = Math.Min(target, limits.MaxTokens);
            while (pieces.Count < count)
            {
                if (wordsInSentence >= 4 && pieces.Count < count - 1 && random.Next(6) == 0)
                {
                    pieces.Add(".");
                    sentenceStart = true;
                    wordsInSentence = 0;
                    continue;
                }

                var word = Lexicon.Words[random.Next(Lexicon.Words.Length)];
                if (sentenceStart)
                {
                    word = char.ToUpperInvariant(word[0]) + word[1..];
                }

                pieces.Add(pieces.Count == 0 ? word : " " + word);
                sentenceStart = false;
                wordsInSentence++;
            }

            if (target < limits.MaxTokens && pieces.Count > 0 && pieces[^1] != ".")
            {
                // A natural ending closes the sentence (the period is the last token).
                pieces.Add(".");
                if (pieces.Count > target)
                {
                    pieces.RemoveAt(pieces.Count - 2);
                }
            }

            finish = target >= limits.MaxTokens ? "length" : "stop";
        }

        if (pieces.Count > limits.MaxTokens)
        {
            pieces.RemoveRange(limits.MaxTokens, pieces.Count - limits.MaxTokens);
        }

        return ApplyStop(pieces, finish, limits.Stop);
    }

    private static GeneratedText ApplyStop(List<string> pieces, string finish, IReadOnlyList<string> stops)
    {
        if (stops.Count > 0)
        {
            var text = new StringBuilder();
            for (var i = 0; i < pieces.Count; i++)
            {
                text.Append(pieces[i]);
                var soFar = text.ToString();
                foreach (var stop in stops)
                {
                    var at = soFar.IndexOf(stop, StringComparison.Ordinal);
                    if (at >= 0)
                    {
                        // Keep the text before the stop string; the piece that completed the match is generated but cut.
                        var kept = pieces.Take(i + 1).ToList();
                        var keptLength = soFar.Length - kept[^1].Length;
                        kept[^1] = at >= keptLength ? kept[^1][..(at - keptLength)] : string.Empty;
                        if (at < keptLength)
                        {
                            var rebuilt = new List<string>();
                            var length = 0;
                            foreach (var piece in kept)
                            {
                                if (length + piece.Length <= at)
                                {
                                    rebuilt.Add(piece);
                                    length += piece.Length;
                                }
                                else
                                {
                                    rebuilt.Add(piece[..(at - length)]);
                                    break;
                                }
                            }

                            kept = rebuilt;
                        }

                        return new GeneratedText(kept, i + 1, "stop", stop);
                    }
                }
            }
        }

        return new GeneratedText(pieces, pieces.Count, finish, null);
    }
}

/// <summary>Limits one generation honours.</summary>
public sealed record GenerationLimits(int MaxTokens, int MinTokens, bool IgnoreEos, IReadOnlyList<string> Stop);

/// <summary>
/// A made-up completion: the pieces streamed (their concatenation is the text), how many tokens were generated
/// (a piece cut by a stop string still counts), and why it ended.
/// </summary>
public sealed record GeneratedText(IReadOnlyList<string> Pieces, int TokenCount, string FinishReason, string? StopReason)
{
    public string Text => string.Concat(Pieces);
}
