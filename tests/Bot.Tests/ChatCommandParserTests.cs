using Bot.Posts;
using Bot.Turns;

namespace Bot.Tests;

public sealed class ChatCommandParserTests
{
    [Theory]
    [InlineData("help")]
    [InlineData("hilfe")]
    [InlineData("Hilfe")]
    [InlineData("HELP")]
    [InlineData("  hilfe  ")]
    [InlineData("Hilfé!")]
    [InlineData("help?")]
    [InlineData("?")]
    [InlineData("")]
    [InlineData(null)]
    public void Help_in_either_language_any_case_or_accent_is_help(string? text)
    {
        Assert.IsType<HelpCommand>(ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("hello there")]
    [InlineData("helper")]
    [InlineData("hilfreich")]
    public void Anything_else_is_unknown_and_keeps_what_the_user_typed(string text)
    {
        var command = Assert.IsType<UnknownCommand>(ChatCommandParser.Parse(text));

        Assert.Equal(text, command.Input);
    }

    [Theory]
    [InlineData("Größe Übersicht", "große ubersicht")]
    [InlineData("Ä  Ö\tÜ", "a o u")]
    [InlineData("Café", "cafe")]
    public void Normalisation_drops_case_accents_and_extra_spaces_but_keeps_sharp_s(string text, string expected)
    {
        Assert.Equal(expected, ChatCommandParser.Normalize(text));
    }

    [Fact]
    public void Every_command_has_distinct_english_and_german_words()
    {
        var words = CommandCatalog.All.SelectMany(c => c.AllWords).Select(ChatCommandParser.Normalize).ToList();

        Assert.Equal(words.Count, words.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }
}

public sealed class TeamCommandParsingTests
{
    private static readonly Bot.Protocol.Schema.Mention Anna = new() { Mentioned = new("29:anna", "Anna Schmidt"), Text = "<at>Anna Schmidt</at>" };
    private static readonly Bot.Protocol.Schema.Mention Ben = new() { Mentioned = new("29:ben", "Ben Wagner"), Text = "<at>Ben Wagner</at>" };

    [Theory]
    [InlineData("assign <at>Anna Schmidt</at> instagram")]
    [InlineData("zuweisen <at>Anna Schmidt</at> insta")]
    [InlineData("ZUWEISEN <at>Anna Schmidt</at> Instagram")]
    public void Assign_resolves_the_mention_to_the_users_id(string text)
    {
        var command = Assert.IsType<AssignCommand>(ChatCommandParser.Parse(text, [Anna]));

        Assert.Equal(new MentionedPerson("29:anna", "Anna Schmidt"), command.Person);
        Assert.Equal(new SocialChannelReference(Bot.Staffing.Platform.Instagram, null), command.SocialChannel);
        Assert.Equal(Bot.Staffing.AssignmentKind.Owner, command.Kind);
    }

    [Fact]
    public void Assign_accepts_a_name_and_a_handle_when_there_is_no_mention()
    {
        var command = Assert.IsType<AssignCommand>(ChatCommandParser.Parse("assign Anna Schmidt twitter @contoso_de"));

        Assert.Equal(new NamedPerson("Anna Schmidt"), command.Person);
        Assert.Equal(new SocialChannelReference(Bot.Staffing.Platform.X, "@contoso_de"), command.SocialChannel);
    }

    [Fact]
    public void Backup_and_unassign_read_like_assign()
    {
        Assert.Equal(Bot.Staffing.AssignmentKind.Backup, Assert.IsType<AssignCommand>(ChatCommandParser.Parse("stellvertretung <at>Ben Wagner</at> linkedin", [Ben])).Kind);
        Assert.IsType<UnassignCommand>(ChatCommandParser.Parse("austragen <at>Ben Wagner</at> linkedin", [Ben]));
    }

    [Theory]
    [InlineData("away <at>Anna Schmidt</at> 2026-12-20..2027-01-06 cover <at>Ben Wagner</at>")]
    [InlineData("abwesend <at>Anna Schmidt</at> 20.12.2026..06.01.2027 vertretung <at>Ben Wagner</at>")]
    public void Away_reads_both_date_styles_and_the_cover(string text)
    {
        var command = Assert.IsType<AwayCommand>(ChatCommandParser.Parse(text, [Anna, Ben]));

        Assert.Equal(new DateOnly(2026, 12, 20), command.FirstDay);
        Assert.Equal(new DateOnly(2027, 1, 6), command.LastDay);
        Assert.Equal("29:ben", Assert.IsType<MentionedPerson>(command.Cover).UserId);
    }

    [Theory]
    [InlineData("away <at>Anna Schmidt</at> 2027-01-06..2026-12-20")]
    [InlineData("away <at>Anna Schmidt</at> 2026-13-01..2026-12-20")]
    [InlineData("away <at>Anna Schmidt</at>")]
    [InlineData("assign <at>Anna Schmidt</at>")]
    [InlineData("assign")]
    [InlineData("zuweisen")]
    [InlineData("stellvertretung")]
    [InlineData("austragen")]
    [InlineData("konto anlegen")]
    [InlineData("rolle")]
    [InlineData("ziel")]
    [InlineData("add account instagram")]
    [InlineData("add account instagram @contoso javascript:alert(1)")]
    [InlineData("role <at>Anna Schmidt</at> boss")]
    [InlineData("goal instagram many")]
    [InlineData("goal instagram 3/week engagement lots")]
    public void Wrong_arguments_get_the_usage_instead_of_a_guess(string text)
    {
        Assert.IsType<MalformedCommand>(ChatCommandParser.Parse(text, [Anna]));
    }

    [Fact]
    public void A_reversed_absence_range_gets_the_usage_with_a_reason_other_wrong_arguments_only_the_usage()
    {
        var reversed = Assert.IsType<MalformedCommand>(ChatCommandParser.Parse("away <at>Anna Schmidt</at> 2027-01-06..2026-12-20", [Anna]));
        var unreadable = Assert.IsType<MalformedCommand>(ChatCommandParser.Parse("away <at>Anna Schmidt</at> 2026-13-01..2026-12-20", [Anna]));

        Assert.Equal("away", reversed.Command.Id);
        Assert.NotNull(reversed.Reason);
        Assert.Null(unreadable.Reason);
    }

    [Theory]
    [InlineData("assign <at>Anna Schmidt</at> myspace", "myspace")]
    [InlineData("austragen <at>Anna Schmidt</at> StudiVZ", "StudiVZ")]
    [InlineData("add account myspace @contoso", "myspace")]
    public void An_unknown_platform_is_named_back(string text, string word)
    {
        Assert.Equal(new UnknownPlatformCommand(word), ChatCommandParser.Parse(text, [Anna]));
    }

    [Fact]
    public void Add_account_takes_platform_handle_and_an_optional_web_address()
    {
        var command = Assert.IsType<AddSocialChannelCommand>(ChatCommandParser.Parse("konto anlegen instagram @contoso_de https://instagram.com/contoso_de"));

        Assert.Equal((Bot.Staffing.Platform.Instagram, "@contoso_de", "https://instagram.com/contoso_de"), (command.Platform, command.Handle, command.Url));
    }

    [Theory]
    [InlineData("rolle <at>Anna Schmidt</at> freigeberin", Bot.Teams.TeamRole.Reviewer)]
    [InlineData("role <at>Anna Schmidt</at> Coordinator", Bot.Teams.TeamRole.Coordinator)]
    [InlineData("rolle <at>Anna Schmidt</at> Redakteur", Bot.Teams.TeamRole.Editor)]
    public void Role_words_work_in_both_languages(string text, Bot.Teams.TeamRole expected)
    {
        Assert.Equal(expected, Assert.IsType<SetRoleCommand>(ChatCommandParser.Parse(text, [Anna])).Role);
    }

    [Theory]
    [InlineData("goal instagram 3/week", 3, null)]
    [InlineData("ziel insta @contoso 5/woche engagement 4,5%", 5, "0.045")]
    [InlineData("goal linkedin 2 engagement 3%", 2, "0.03")]
    public void Goal_reads_posts_per_week_and_an_optional_engagement_rate(string text, int posts, string? rate)
    {
        var command = Assert.IsType<SetGoalCommand>(ChatCommandParser.Parse(text));

        Assert.Equal(posts, command.PostsPerWeek);
        Assert.Equal(rate is null ? null : decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture), command.EngagementRate);
    }

    [Theory]
    [InlineData("my channels")]
    [InlineData("Meine Kanäle")]
    [InlineData("meine kanale")]
    public void Multi_word_commands_match_as_phrases(string text)
    {
        Assert.IsType<MyChannelsCommand>(ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("away")]
    [InlineData("Abwesend")]
    public void Away_without_arguments_opens_the_form(string text)
    {
        Assert.IsType<AwayFormCommand>(ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("who")]
    [InlineData("wer?")]
    [InlineData("owners")]
    [InlineData("Zuständig")]
    public void Who_shows_the_overview(string text)
    {
        Assert.IsType<OverviewCommand>(ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("new post", typeof(NewPostCommand))]
    [InlineData("Neuer Beitrag", typeof(NewPostCommand))]
    [InlineData("my posts", typeof(MyPostsCommand))]
    [InlineData("meine Beiträge", typeof(MyPostsCommand))]
    [InlineData("pending", typeof(PendingCommand))]
    [InlineData("offen", typeof(PendingCommand))]
    public void Post_commands_are_understood_in_either_language(string text, Type expected)
    {
        Assert.IsType(expected, ChatCommandParser.Parse(text));
    }

    [Theory]
    [InlineData("show a1b2c3d4")]
    [InlineData("zeige #A1B2C3D4")]
    public void Show_takes_the_short_post_id(string text)
    {
        var command = Assert.IsType<ShowPostCommand>(ChatCommandParser.Parse(text));

        Assert.Equal("a1b2c3d4", command.PostId, ignoreCase: true);
    }

    [Fact]
    public void Withdraw_in_german_and_published_with_url_and_platform_are_understood()
    {
        Assert.Equal(new WithdrawPostCommand("a1b2c3d4"), ChatCommandParser.Parse("zurückziehen a1b2c3d4"));
        Assert.Equal(
            new PublishedCommand("a1b2c3d4", "https://x.com/contoso/status/1", Bot.Staffing.Platform.X),
            ChatCommandParser.Parse("veröffentlicht a1b2c3d4 https://x.com/contoso/status/1 x"));
    }

    [Theory]
    [InlineData("show")]
    [InlineData("show 12345")]
    [InlineData("withdraw not-an-id")]
    [InlineData("published a1b2c3d4")]
    public void Post_commands_without_a_valid_short_id_show_their_usage(string text)
    {
        Assert.IsType<MalformedCommand>(ChatCommandParser.Parse(text));
    }
}

public sealed class CommandSuggestionTests
{
    [Theory]
    [InlineData("hlife", "hilfe")]
    [InlineData("halp", "help")]
    [InlineData("zuweisn @Anna instagram", "zuweisen")]
    [InlineData("mein kanäle", "meine kanäle")]
    [InlineData("abwesnd", "abwesend")]
    public void A_typo_gets_the_nearest_command(string typed, string expected)
    {
        Assert.Equal(expected, ChatCommandParser.SuggestCommand(typed));
    }

    [Theory]
    [InlineData("mach mal was")]
    [InlineData("instagram")]
    [InlineData("")]
    public void Something_unlike_any_command_gets_no_suggestion(string typed)
    {
        Assert.Null(ChatCommandParser.SuggestCommand(typed));
    }
}
