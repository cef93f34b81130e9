using Bot.Posts;

namespace Bot.Tests.Posts;

public sealed class TextDiffTests
{
    [Fact]
    public void Identical_texts_are_one_unchanged_segment()
    {
        Assert.Equal([new DiffSegment(DiffKind.Unchanged, "Hallo Welt")], TextDiff.Compare("Hallo Welt", "Hallo Welt"));
    }

    [Fact]
    public void A_replaced_word_is_removed_then_added()
    {
        Assert.Equal(
            [new(DiffKind.Unchanged, "Hallo "), new(DiffKind.Removed, "Welt"), new(DiffKind.Added, "Leute"), new(DiffKind.Unchanged, ", schön!")],
            TextDiff.Compare("Hallo Welt, schön!", "Hallo Leute, schön!"));
    }

    [Fact]
    public void Neighbouring_changed_words_form_one_change()
    {
        Assert.Equal(
            [new(DiffKind.Unchanged, "Ab "), new(DiffKind.Removed, "Montag gilt"), new(DiffKind.Added, "Dienstag gelten"), new(DiffKind.Unchanged, " neue Preise")],
            TextDiff.Compare("Ab Montag gilt neue Preise", "Ab Dienstag gelten neue Preise"));
    }

    [Fact]
    public void A_reader_sees_what_was_removed_and_what_was_added_without_markup()
    {
        var diff = TextDiff.Compare("Am 13.12 im Shop, nur heute.", "Am 13. Dezember im Shop.");

        Assert.Equal(("12 … , nur heute", "Dezember"), (TextDiff.Removed(diff), TextDiff.Added(diff)));
        Assert.Equal((string.Empty, "neu"), (TextDiff.Removed(TextDiff.Compare("Jetzt im Shop", "Jetzt neu im Shop")), TextDiff.Added(TextDiff.Compare("Jetzt im Shop", "Jetzt neu im Shop"))));
    }

    [Fact]
    public void An_inserted_word_is_only_added()
    {
        Assert.Equal(
            "Jetzt {+neu +}im Shop",
            TextDiff.ToCompactString(TextDiff.Compare("Jetzt im Shop", "Jetzt neu im Shop")));
    }

    [Fact]
    public void A_deleted_sentence_is_only_removed()
    {
        Assert.Equal(
            "Frühling ist da. [-Nur heute! -]Mehr im Shop.",
            TextDiff.ToCompactString(TextDiff.Compare("Frühling ist da. Nur heute! Mehr im Shop.", "Frühling ist da. Mehr im Shop.")));
    }

    [Fact]
    public void From_nothing_everything_is_added_and_to_nothing_everything_is_removed()
    {
        Assert.Equal([new DiffSegment(DiffKind.Added, "Neu hier")], TextDiff.Compare("", "Neu hier"));
        Assert.Equal([new DiffSegment(DiffKind.Removed, "Weg damit")], TextDiff.Compare("Weg damit", ""));
        Assert.Empty(TextDiff.Compare("", ""));
    }

    [Fact]
    public void A_changed_address_shows_only_the_changed_part()
    {
        Assert.Equal(
            "Mehr: https://contoso.de/[-fruehling-]{+sommer+}",
            TextDiff.ToCompactString(TextDiff.Compare("Mehr: https://contoso.de/fruehling", "Mehr: https://contoso.de/sommer")));
    }

    [Fact]
    public void An_emoji_is_never_split()
    {
        var diff = TextDiff.Compare("Los 👩‍👩‍👧 geht's", "Los 👍🏽 geht's");

        Assert.Equal([new(DiffKind.Unchanged, "Los "), new(DiffKind.Removed, "👩‍👩‍👧"), new(DiffKind.Added, "👍🏽"), new(DiffKind.Unchanged, " geht's")], diff);
    }

    [Fact]
    public void Changed_line_breaks_show_as_changes()
    {
        Assert.Equal("Eins[- -]{+\n\n+}Zwei", TextDiff.ToCompactString(TextDiff.Compare("Eins Zwei", "Eins\n\nZwei")));
    }

    [Fact]
    public void The_diff_always_rebuilds_both_texts()
    {
        var random = new Random(20261124);
        string[] words = ["Frühling", "Sale", "#contoso", "jetzt", "im", "Shop", "😀", "https://contoso.de", "neu", "."];
        for (var round = 0; round < 500; round++)
        {
            var before = RandomText(random, words);
            var after = random.Next(3) == 0 ? RandomText(random, words) : Mutate(random, before, words);

            var diff = TextDiff.Compare(before, after);

            Assert.True(before == Rebuild(diff, DiffKind.Removed), $"round {round}: before '{before}' after '{after}'");
            Assert.True(after == Rebuild(diff, DiffKind.Added), $"round {round}: before '{before}' after '{after}'");
            Assert.DoesNotContain(diff.Zip(diff.Skip(1)), pair => pair.First.Kind == pair.Second.Kind);
        }
    }

    [Fact]
    public void Long_texts_that_differ_throughout_are_still_diffed_in_reasonable_time()
    {
        var before = string.Join(' ', Enumerable.Range(0, 3_000).Select(i => $"alt{i}"));
        var after = string.Join(' ', Enumerable.Range(0, 3_000).Select(i => $"neu{i}"));

        var diff = TextDiff.Compare(before, after);

        Assert.Equal([new(DiffKind.Removed, before), new(DiffKind.Added, after)], diff);
    }

    [Fact]
    public void Shortening_keeps_context_around_a_change_and_elides_the_rest()
    {
        var before = "Eins zwei drei vier fünf sechs sieben acht neun zehn ALT elf zwölf dreizehn vierzehn fünfzehn sechzehn siebzehn";
        var after = before.Replace("ALT", "NEU", StringComparison.Ordinal);

        var shortened = TextDiff.Shorten(TextDiff.Compare(before, after), contextWords: 3);

        Assert.Equal("… acht neun zehn [-ALT-]{+NEU+} elf zwölf dreizehn …", TextDiff.ToCompactString(shortened));
    }

    [Fact]
    public void Shortening_keeps_both_ends_of_a_long_unchanged_run_between_changes()
    {
        var before = "A eins zwei drei vier fünf sechs sieben acht B";
        var after = "X eins zwei drei vier fünf sechs sieben acht Y";

        var shortened = TextDiff.Shorten(TextDiff.Compare(before, after), contextWords: 2);

        Assert.Equal("[-A-]{+X+} eins zwei … sieben acht [-B-]{+Y+}", TextDiff.ToCompactString(shortened));
    }

    [Fact]
    public void Shortening_leaves_short_runs_alone()
    {
        var diff = TextDiff.Compare("Hallo Welt heute", "Hallo Leute heute");

        Assert.Equal(diff, TextDiff.Shorten(diff, contextWords: 3));
    }

    [Fact]
    public void Shortening_an_unchanged_text_keeps_its_beginning()
    {
        var diff = TextDiff.Compare("eins zwei drei vier fünf", "eins zwei drei vier fünf");

        Assert.Equal("eins zwei …", TextDiff.ToCompactString(TextDiff.Shorten(diff, contextWords: 2)));
    }

    private static string Rebuild(IEnumerable<DiffSegment> diff, DiffKind side) =>
        string.Concat(diff.Where(s => s.Kind == DiffKind.Unchanged || s.Kind == side).Select(s => s.Text));

    private static string RandomText(Random random, string[] words) =>
        string.Join(random.Next(4) == 0 ? "\n" : " ", Enumerable.Range(0, random.Next(0, 12)).Select(_ => words[random.Next(words.Length)]));

    private static string Mutate(Random random, string text, string[] words)
    {
        var tokens = text.Split(' ').ToList();
        for (var edits = random.Next(1, 4); edits > 0; edits--)
        {
            var at = random.Next(tokens.Count + 1);
            switch (random.Next(3))
            {
                case 0:
                    tokens.Insert(at, words[random.Next(words.Length)]);
                    break;
                case 1 when at < tokens.Count:
                    tokens.RemoveAt(at);
                    break;
                default:
                    if (at < tokens.Count)
                    {
                        tokens[at] = words[random.Next(words.Length)];
                    }

                    break;
            }
        }

        return string.Join(' ', tokens);
    }
}
