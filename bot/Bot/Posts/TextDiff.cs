using System.Text;
using System.Text.RegularExpressions;

namespace Bot.Posts;

public enum DiffKind
{
    Unchanged,
    Removed,
    Added,
}

public sealed record DiffSegment(DiffKind Kind, string Text);

/// <summary>
/// A word diff of two texts, for "what changed since you last looked" on a review card. Each change comes out as one
/// removed segment followed by one added segment, with unchanged text between changes.
/// </summary>
public static partial class TextDiff
{
    // The longest-common-subsequence table is quadratic; beyond this many cells (two ~2,000-word texts that differ
    // throughout) the middle is shown as replaced as a whole, which is still true, only less precise.
    private const long MaxTableCells = 4_000_000;

    public const string Ellipsis = "…";

    // Words, punctuation and spaces are separate tokens, so "Welt," → "Leute," changes the word, not the comma.
    // Marks stay with their letters and an emoji sequence stays whole, so no segment ever splits a character.
    [GeneratedRegex(@"\s+|[\p{L}\p{M}\p{N}_]+|[^\s\p{L}\p{M}\p{N}_]+")]
    private static partial Regex TokenPattern();

    [GeneratedRegex(@"\S+")]
    private static partial Regex WordPattern();

    public static IReadOnlyList<DiffSegment> Compare(string before, string after)
    {
        var a = Tokenize(before ?? string.Empty);
        var b = Tokenize(after ?? string.Empty);

        var prefix = 0;
        while (prefix < a.Length && prefix < b.Length && a[prefix] == b[prefix])
        {
            prefix++;
        }

        var suffix = 0;
        while (suffix < a.Length - prefix && suffix < b.Length - prefix && a[^(suffix + 1)] == b[^(suffix + 1)])
        {
            suffix++;
        }

        var raw = new List<DiffSegment>();
        raw.AddRange(a[..prefix].Select(token => new DiffSegment(DiffKind.Unchanged, token)));
        raw.AddRange(Middle(a[prefix..^suffix], b[prefix..^suffix]));
        raw.AddRange(a[^suffix..].Select(token => new DiffSegment(DiffKind.Unchanged, token)));
        return Normalize(raw);
    }

    /// <summary>
    /// Keeps the changes and about <paramref name="contextWords"/> words of unchanged text around each, replacing the
    /// rest of a long unchanged run with "…", so a card shows a one-word fix in a 2,000-character caption in one line.
    /// </summary>
    public static IReadOnlyList<DiffSegment> Shorten(IReadOnlyList<DiffSegment> segments, int contextWords = 5)
    {
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(contextWords);
        var shortened = new List<DiffSegment>(segments.Count);
        for (var index = 0; index < segments.Count; index++)
        {
            var segment = segments[index];
            if (segment.Kind != DiffKind.Unchanged)
            {
                shortened.Add(segment);
                continue;
            }

            var words = WordPattern().Matches(segment.Text);
            var first = index == 0;
            var last = index == segments.Count - 1;
            var keep = first || last ? contextWords : 2 * contextWords;
            if (words.Count <= keep)
            {
                shortened.Add(segment);
                continue;
            }

            // The head keeps the run's leading space and the tail its trailing one, so the changes stay apart.
            var text = segment.Text;
            string Head() => text[..(words[contextWords - 1].Index + words[contextWords - 1].Length)];
            string Tail() => text[words[^contextWords].Index..];
            var kept = (first, last) switch
            {
                (true, false) => $"{Ellipsis} {Tail()}",
                (false, true) or (true, true) => $"{Head()} {Ellipsis}",
                _ => $"{Head()} {Ellipsis} {Tail()}",
            };
            shortened.Add(new DiffSegment(DiffKind.Unchanged, kept));
        }

        return shortened;
    }

    /// <summary>Plain-text rendering in <c>git diff --word-diff</c> style: <c>[-removed-]{+added+}</c>.</summary>
    public static string ToCompactString(IEnumerable<DiffSegment> segments)
    {
        ArgumentNullException.ThrowIfNull(segments);
        var text = new StringBuilder();
        foreach (var segment in segments)
        {
            text.Append(segment.Kind switch
            {
                DiffKind.Removed => $"[-{segment.Text}-]",
                DiffKind.Added => $"{{+{segment.Text}+}}",
                _ => segment.Text,
            });
        }

        return text.ToString();
    }

    /// <summary>What was taken out, piece by piece ("12 … im Shop"), for a reader; empty when nothing was.</summary>
    public static string Removed(IEnumerable<DiffSegment> segments) => Pieces(segments, DiffKind.Removed);

    /// <summary>What was put in, piece by piece ("Dezember … bis Sonntag"), for a reader; empty when nothing was.</summary>
    public static string Added(IEnumerable<DiffSegment> segments) => Pieces(segments, DiffKind.Added);

    private static string Pieces(IEnumerable<DiffSegment> segments, DiffKind kind)
    {
        ArgumentNullException.ThrowIfNull(segments);
        return string.Join($" {Ellipsis} ", segments.Where(s => s.Kind == kind).Select(s => s.Text.Trim()).Where(t => t.Length > 0));
    }

    private static string[] Tokenize(string text) => TokenPattern().Matches(text).Select(match => match.Value).ToArray();

    private static List<DiffSegment> Middle(string[] a, string[] b)
    {
        var segments = new List<DiffSegment>();
        if ((long)a.Length * b.Length > MaxTableCells)
        {
            segments.AddRange(a.Select(token => new DiffSegment(DiffKind.Removed, token)));
            segments.AddRange(b.Select(token => new DiffSegment(DiffKind.Added, token)));
            return segments;
        }

        // common[i, j]: length of the longest common subsequence of a[i..] and b[j..].
        var common = new int[a.Length + 1, b.Length + 1];
        for (var i = a.Length - 1; i >= 0; i--)
        {
            for (var j = b.Length - 1; j >= 0; j--)
            {
                common[i, j] = a[i] == b[j] ? common[i + 1, j + 1] + 1 : Math.Max(common[i + 1, j], common[i, j + 1]);
            }
        }

        int x = 0, y = 0;
        while (x < a.Length && y < b.Length)
        {
            if (a[x] == b[y])
            {
                segments.Add(new DiffSegment(DiffKind.Unchanged, a[x++]));
                y++;
            }
            else if (common[x + 1, y] >= common[x, y + 1])
            {
                segments.Add(new DiffSegment(DiffKind.Removed, a[x++]));
            }
            else
            {
                segments.Add(new DiffSegment(DiffKind.Added, b[y++]));
            }
        }

        segments.AddRange(a[x..].Select(token => new DiffSegment(DiffKind.Removed, token)));
        segments.AddRange(b[y..].Select(token => new DiffSegment(DiffKind.Added, token)));
        return segments;
    }

    // Token-level output is choppy ("[-Welt-]{+Leute+} [-heute-]{+morgen+}"): a lone space between two changes is
    // folded into them, and each run of changes becomes one removal and one addition ("[-Welt heute-]{+Leute morgen+}").
    private static List<DiffSegment> Normalize(List<DiffSegment> tokens)
    {
        for (var i = 1; i < tokens.Count - 1; i++)
        {
            if (tokens[i].Kind == DiffKind.Unchanged && string.IsNullOrWhiteSpace(tokens[i].Text)
                && tokens[i - 1].Kind != DiffKind.Unchanged && tokens[i + 1].Kind != DiffKind.Unchanged)
            {
                tokens[i] = new DiffSegment(DiffKind.Removed, tokens[i].Text);
                tokens.Insert(i + 1, new DiffSegment(DiffKind.Added, tokens[i].Text));
                i++;
            }
        }

        var result = new List<DiffSegment>();
        var unchanged = new StringBuilder();
        var removed = new StringBuilder();
        var added = new StringBuilder();
        void FlushChange()
        {
            if (removed.Length > 0)
            {
                result.Add(new DiffSegment(DiffKind.Removed, removed.ToString()));
                removed.Clear();
            }

            if (added.Length > 0)
            {
                result.Add(new DiffSegment(DiffKind.Added, added.ToString()));
                added.Clear();
            }
        }

        foreach (var token in tokens)
        {
            if (token.Kind == DiffKind.Unchanged)
            {
                FlushChange();
                unchanged.Append(token.Text);
                continue;
            }

            if (unchanged.Length > 0)
            {
                result.Add(new DiffSegment(DiffKind.Unchanged, unchanged.ToString()));
                unchanged.Clear();
            }

            (token.Kind == DiffKind.Removed ? removed : added).Append(token.Text);
        }

        FlushChange();
        if (unchanged.Length > 0)
        {
            result.Add(new DiffSegment(DiffKind.Unchanged, unchanged.ToString()));
        }

        return result;
    }
}
