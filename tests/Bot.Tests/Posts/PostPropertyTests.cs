using System.Text;
using Bot.Posts;
using Bot.Staffing;
using Bot.Teams;
using Xunit.Abstractions;

namespace Bot.Tests.Posts;

/// <summary>
/// Random sequences of actions by random people, each from a fixed seed, against random policies. After every step
/// the post is checked against an oracle written here, independently of <see cref="ReviewPolicy.Evaluate"/>: levels
/// are staffed by disjoint groups, so "enough approvals" is a plain count per level. A failure prints the seed, the
/// policy and every step, and the same seed replays it exactly.
/// </summary>
public sealed class PostPropertyTests(ITestOutputHelper output)
{
    private const int Sequences = 3_000;
    private const int StepsPerSequence = 50;
    private const string Team = TestTeam.Id;

    private static readonly string[] Vocabulary =
        ["Frühling", "Sale", "jetzt", "im", "Shop", "Preise", "Preis!", "#Preis", "Sonderpreis", "20 %", "😀", "https://contoso.de/a"];

    private static readonly (int Id, Platform Platform)[] SocialChannels = [(1, Platform.Facebook), (2, Platform.X), (3, Platform.Instagram)];

    [Fact]
    public void Random_actions_never_approve_without_the_policy_nor_let_an_author_approve()
    {
        var stats = new Stats();
        for (var seed = 1; seed <= Sequences; seed++)
        {
            new Sequence(seed, stats).Run();
        }

        output.WriteLine(stats.ToString());

        // The walk must actually get somewhere, or the invariants above were checked on nothing.
        Assert.True(stats.ReachedApproved > Sequences / 5, $"Only {stats.ReachedApproved} of {Sequences} sequences reached Approved.");
        Assert.True(stats.ReachedPublished > Sequences / 40, $"Only {stats.ReachedPublished} of {Sequences} sequences reached Published.");
        Assert.True(stats.ApprovedWithExtraLevel > 100, $"Only {stats.ApprovedWithExtraLevel} approvals went through the added legal level.");
        PostRefusalReason[] mustHaveSeen =
        [
            PostRefusalReason.AuthorCannotReview, PostRefusalReason.StaleRevision, PostRefusalReason.NotInTeam,
            PostRefusalReason.WaitingForEarlierLevel, PostRefusalReason.AlreadyDecided, PostRefusalReason.NotAReviewer,
            PostRefusalReason.ChecklistIncomplete, PostRefusalReason.RoleNotAllowed, PostRefusalReason.BlockedByPlatformCheck,
            PostRefusalReason.NotEnoughReviewers, PostRefusalReason.WrongState,
        ];
        Assert.All(mustHaveSeen, reason => Assert.True(stats.Refusals.GetValueOrDefault(reason) > 0, $"{reason} never happened."));
    }

    private sealed record LevelModel(string Name, string[] Reviewers, bool IncludesNamed, ApprovalRuleKind Kind, int N, bool AddedByRule)
    {
        public ReviewLevel ToLevel() => new(
            Name,
            Kind switch { ApprovalRuleKind.Any => ApprovalRule.Any, ApprovalRuleKind.All => ApprovalRule.All, _ => ApprovalRule.NOfM(N) },
            Reviewers,
            IncludesNamed);

        public override string ToString() =>
            $"{Name}: {Kind}{(Kind == ApprovalRuleKind.NOfM ? $"({N})" : "")} of [{string.Join(", ", Reviewers)}]{(IncludesNamed ? " + named" : "")}{(AddedByRule ? " if tag 'sensitive' or keyword 'preis*'" : "")}";
    }

    private sealed class Stats
    {
        public int ReachedApproved { get; set; }
        public int ReachedPublished { get; set; }
        public int ApprovedWithExtraLevel { get; set; }
        public Dictionary<PostRefusalReason, int> Refusals { get; } = [];

        public override string ToString() =>
            $"approved: {ReachedApproved}, published: {ReachedPublished}, through legal: {ApprovedWithExtraLevel}; refusals: "
            + string.Join(", ", Refusals.OrderBy(r => r.Key).Select(r => $"{r.Key} {r.Value}"));
    }

    private sealed class Sequence
    {
        private readonly int _seed;
        private readonly Stats _stats;
        private readonly Random _random;
        private readonly Actor _author;
        private readonly Actor[] _pool;
        private readonly Actor[] _others;
        private readonly List<LevelModel> _levels = [];
        private readonly ReviewPolicy _policy;
        private readonly List<string> _log = [];
        private DateTimeOffset _now = TestTeam.Now;

        public Sequence(int seed, Stats stats)
        {
            _seed = seed;
            _stats = stats;
            _random = new Random(seed);
            _author = new Actor("author", Team, _random.Next(2) == 0 ? TeamRole.Editor : TeamRole.Coordinator);
            TeamRole[] roles = [TeamRole.Reviewer, TeamRole.Editor, TeamRole.Coordinator];
            _pool = Enumerable.Range(0, 8).Select(i => new Actor($"p{i}", Team, roles[_random.Next(roles.Length)])).ToArray();
            _others =
            [
                new Actor("outsider", Team, TeamRole.Editor),
                new Actor("coordinator", Team, TeamRole.Coordinator),
                new Actor("viewer", Team, TeamRole.Viewer),
                new Actor("p0", TestTeam.OtherId, TeamRole.Coordinator),
                new Actor("p4", TestTeam.OtherId, TeamRole.Coordinator),
                new Actor("author", TestTeam.OtherId, TeamRole.Coordinator),
            ];
            _policy = RandomPolicy();
        }

        // p0..p2 are the pool for reviewers named on posts, p3..p5 staff the policy's own levels, p6..p7 are legal.
        private ReviewPolicy RandomPolicy()
        {
            string[] Staff(params int[] people) =>
                [.. people.Select(p => $"p{p}"), .. _random.Next(4) == 0 ? ["author"] : Array.Empty<string>()];
            (ApprovalRuleKind, int) Rule(int staffed) => _random.Next(3) switch
            {
                0 => (ApprovalRuleKind.Any, 1),
                1 => (ApprovalRuleKind.All, 0),
                _ => (ApprovalRuleKind.NOfM, _random.Next(1, staffed + 1)),
            };

            switch (_random.Next(4))
            {
                case 0:
                    _levels.Add(new LevelModel(ReviewLevel.DefaultName, [], true, ApprovalRuleKind.Any, 1, false));
                    break;
                case 1:
                {
                    var (kind, n) = Rule(3);
                    _levels.Add(new LevelModel("team", Staff(3, 4, 5), _random.Next(2) == 0, kind, n, false));
                    break;
                }

                case 2:
                {
                    _levels.Add(new LevelModel("community", [], true, _random.Next(2) == 0 ? ApprovalRuleKind.Any : ApprovalRuleKind.All, 1, false));
                    var (kind, n) = Rule(2);
                    _levels.Add(new LevelModel("manager", Staff(3, 4), false, kind, n, false));
                    break;
                }

                default:
                {
                    _levels.Add(new LevelModel("community", [], true, ApprovalRuleKind.Any, 1, false));
                    var (kind, n) = Rule(2);
                    _levels.Add(new LevelModel("social-media", Staff(3, 4), false, kind, n, false));
                    _levels.Add(new LevelModel("head", Staff(5), false, ApprovalRuleKind.Any, 1, false));
                    break;
                }
            }

            var conditional = new List<ConditionalLevel>();
            if (_random.Next(3) > 0)
            {
                var (kind, n) = Rule(2);
                var legal = new LevelModel("legal", Staff(6, 7), false, kind, n, true);
                _levels.Add(legal);
                conditional.Add(new ConditionalLevel(legal.ToLevel(), tags: ["sensitive"]));
                conditional.Add(new ConditionalLevel(legal.ToLevel(), keywords: ["preis*"]));
            }

            var checklist = _random.Next(2) == 0 ? TestTeam.Checklist : null;
            return new ReviewPolicy(_levels.Where(l => !l.AddedByRule).Select(l => l.ToLevel()), conditional, checklist);
        }

        public void Run()
        {
            var post = new Post(_author, RandomContent(), _now);
            Log($"policy: {string.Join(" → ", _levels)}; checklist: {_policy.Checklist.Items.Count} items; author {_author.Role}");
            var wasApproved = false;
            var wasPublished = false;
            for (var step = 1; step <= StepsPerSequence; step++)
            {
                _now = _now.AddMinutes(1);
                var before = Snapshot.Of(post);
                var auditBefore = post.AuditTrail.ToList();
                var (actor, description, result) = Act(post);
                Log($"{step,2}. {actor.AadObjectId}/{actor.Role}{(actor.TeamId == Team ? "" : "@other-team")} {description} → "
                    + $"{result.Refusal?.ToString() ?? "ok"}  [{post.Status}, rev {post.CurrentRevision}]");
                if (result.Refusal is { } refusal)
                {
                    _stats.Refusals[refusal] = _stats.Refusals.GetValueOrDefault(refusal) + 1;
                }

                CheckStep(post, before, auditBefore, actor, description, result);
                CheckInvariants(post);
                if (post.Status.IsApprovedOrLater() && !wasApproved)
                {
                    wasApproved = true;
                    _stats.ReachedApproved++;
                }

                if (post.Status == PostStatus.Approved && before.Status == PostStatus.InReview && ApplicableLevels(post).Any(l => l.AddedByRule))
                {
                    _stats.ApprovedWithExtraLevel++;
                }

                if (post.Status == PostStatus.Published && !wasPublished)
                {
                    wasPublished = true;
                    _stats.ReachedPublished++;
                }
            }
        }

        private (Actor Actor, string Description, PostActionResult Result) Act(Post post)
        {
            // Per mille, so that the final moves (reject, withdraw) stay rare enough for sequences to get somewhere.
            var roll = _random.Next(1000);
            var revision = _random.Next(10) switch
            {
                0 => post.CurrentRevision - 1,
                1 => post.CurrentRevision + 1,
                _ => post.CurrentRevision,
            };
            switch (roll)
            {
                case < 430:
                {
                    var reviewer = Reviewer(post);
                    var confirmed = _policy.Checklist.Items.Select(i => i.Id).Where(_ => _random.Next(6) > 0).ToList();
                    return (reviewer, $"approves rev {revision} confirming {confirmed.Count}", post.Approve(reviewer, revision, _policy, confirmed, _now));
                }

                case < 480:
                {
                    var reviewer = Reviewer(post);
                    var comment = _random.Next(5) == 0 ? " " : "Bitte ändern.";
                    return (reviewer, $"requests changes on rev {revision}", post.RequestChanges(reviewer, revision, _policy, comment, _now));
                }

                case < 490:
                {
                    var reviewer = Reviewer(post);
                    return (reviewer, $"rejects rev {revision}", post.Reject(reviewer, revision, _policy, "Nein.", _now));
                }

                case < 610:
                {
                    var actor = MostlyAuthor();
                    return (actor, "submits", post.SubmitForReview(actor, _policy, _now));
                }

                case < 680:
                {
                    var actor = MostlyAuthor();
                    var content = RandomContent();
                    return (actor, $"edits: tags [{string.Join(",", content.Tags!)}] reviewers [{string.Join(",", content.Reviewers!)}] text '{content.BaseText[..Math.Min(40, content.BaseText.Length)]}'",
                        post.Edit(actor, content, _policy, _now));
                }

                case < 685:
                {
                    var actor = MostlyAuthor();
                    return (actor, "withdraws", post.Withdraw(actor, _now));
                }

                case < 780:
                {
                    var actor = Anyone();
                    var at = _random.Next(10) == 0 ? _now.AddHours(-1) : _now.AddDays(_random.Next(1, 4));
                    return (actor, $"schedules for {at:u}", post.Schedule(actor, at, _now));
                }

                case < 820:
                {
                    var actor = Anyone();
                    var at = _now.AddDays(_random.Next(1, 4)).AddMinutes(_random.Next(60));
                    return (actor, $"reschedules to {at:u}", post.Reschedule(actor, at, _now));
                }

                case < 920:
                {
                    var actor = Anyone();
                    var socialChannel = SocialChannels[_random.Next(SocialChannels.Length)].Id;
                    return (actor, $"publishes social channel {socialChannel}", post.MarkPublished(actor, socialChannel, $"https://social.example/{socialChannel}", _now));
                }

                default:
                {
                    var actor = Anyone();
                    return (actor, "comments", post.AddComment(actor, "Kommentar", _now));
                }
            }
        }

        // Half the time someone the oracle says reviews this post at some level (maybe not yet their turn), so that
        // reviews finish often enough for the invariants to be tested on approved posts, not only on refusals.
        private Actor Reviewer(Post post)
        {
            var reviewers = ApplicableLevels(post).SelectMany(l => l.Reviewers.Concat(l.IncludesNamed ? post.Reviewers : [])).ToHashSet();
            var likely = _pool.Where(p => reviewers.Contains(p.AadObjectId)).ToArray();
            return _random.Next(100) switch
            {
                < 50 when likely.Length > 0 => likely[_random.Next(likely.Length)],
                < 80 => _pool[_random.Next(_pool.Length)],
                < 90 => _author,
                _ => _others[_random.Next(_others.Length)],
            };
        }

        private Actor MostlyAuthor() => _random.Next(10) < 8 ? _author : Anyone();

        private Actor Anyone() => _random.Next(4) switch
        {
            0 => _others[_random.Next(_others.Length)],
            1 => _author,
            _ => _pool[_random.Next(_pool.Length)],
        };

        private PostContent RandomContent()
        {
            var channels = SocialChannels.Where(_ => _random.Next(2) == 0).ToList();
            if (channels.Count == 0)
            {
                channels.Add(SocialChannels[_random.Next(SocialChannels.Length)]);
            }

            string Text() => _random.Next(25) == 0
                ? new string('a', 300)
                : string.Join(' ', Enumerable.Range(0, _random.Next(2, 7)).Select(_ => Vocabulary[_random.Next(Vocabulary.Length)]));
            string[] tags = ["fruehling", "sensitive", "sale"];
            var reviewers = new[] { "p0", "p1", "p2" }.Where(_ => _random.Next(3) > 0).ToList();
            if (_random.Next(7) == 0)
            {
                reviewers.Add("author");
            }

            return new PostContent(
                "Titel",
                Text(),
                channels.Select(c => new VariantContent(c.Id, c.Platform, _random.Next(3) == 0 ? Text() : null)).ToList(),
                Tags: tags.Where(_ => _random.Next(4) == 0).ToList(),
                Reviewers: reviewers);
        }

        private void CheckStep(Post post, Snapshot before, List<AuditEntry> auditBefore, Actor actor, string description, PostActionResult result)
        {
            var after = Snapshot.Of(post);
            if (!result.Succeeded)
            {
                Require(after == before, $"a refused action changed the post: {before} → {after}");
                Require(post.AuditTrail.Take(auditBefore.Count).SequenceEqual(auditBefore), "a refused action rewrote the audit trail");
                return;
            }

            Require(actor.TeamId == Team, "an actor from another team succeeded");
            Require(after.Version == before.Version + 1, $"version went from {before.Version} to {after.Version}");
            Require(after.AuditCount > before.AuditCount, "a successful action was not audited");
            Require(post.AuditTrail.Take(auditBefore.Count).SequenceEqual(auditBefore), "an audit entry was changed or removed");
            Require(post.AuditTrail[^1].ActorAadObjectId == actor.AadObjectId && post.AuditTrail[^1].Status == post.Status, "the last audit entry does not name the actor and the new state");
            if (description.StartsWith("approves", StringComparison.Ordinal) || description.StartsWith("requests", StringComparison.Ordinal) || description.StartsWith("rejects", StringComparison.Ordinal))
            {
                Require(actor.Role != TeamRole.Viewer, "a viewer decided");
                Require(before.Status == PostStatus.InReview, $"a decision succeeded in {before.Status}");
                Require(after.Decisions == before.Decisions + 1, "a decision was not recorded exactly once");
            }

            if (after.Status != before.Status)
            {
                Require(post.AuditTrail.Skip(before.AuditCount).Any(e => e.Status == after.Status), "a transition has no audit entry");
            }
        }

        private void CheckInvariants(Post post)
        {
            Require(post.Decisions.All(d => d.ReviewerAadObjectId != "author"), "the author decided on their own post");

            if (post.Status is not (PostStatus.InReview or PostStatus.Approved or PostStatus.Scheduled or PostStatus.Published))
            {
                return;
            }

            // The oracle: which levels apply, who is eligible, and whether each level has its approvals on this revision.
            var levels = ApplicableLevels(post);
            var eligible = levels
                .Select(l => l.Reviewers.Concat(l.IncludesNamed ? post.Reviewers : []).Where(r => r != "author").Distinct().ToHashSet())
                .ToList();
            var approvals = post.Decisions.Where(d => d.Revision == post.CurrentRevision && d.Verdict == ReviewVerdict.Approved).ToList();
            int Required(int level) => levels[level].Kind switch
            {
                ApprovalRuleKind.Any => 1,
                ApprovalRuleKind.All => Math.Max(1, eligible[level].Count),
                _ => levels[level].N,
            };
            int CountBefore(int level, int position) => approvals.Take(position).Select(a => a.ReviewerAadObjectId).Where(eligible[level].Contains).Distinct().Count();

            for (var position = 0; position < approvals.Count; position++)
            {
                var level = eligible.FindIndex(set => set.Contains(approvals[position].ReviewerAadObjectId));
                Require(level >= 0, $"{approvals[position].ReviewerAadObjectId} approved without being a reviewer of any applicable level");
                for (var earlier = 0; earlier < level; earlier++)
                {
                    Require(CountBefore(earlier, position) >= Required(earlier), $"{approvals[position].ReviewerAadObjectId} approved at level {levels[level].Name} before level {levels[earlier].Name} was complete");
                }
            }

            var satisfied = Enumerable.Range(0, levels.Count).All(level => CountBefore(level, approvals.Count) >= Required(level));
            if (post.Status != PostStatus.InReview)
            {
                Require(satisfied, $"{post.Status} without the approvals the policy requires for revision {post.CurrentRevision}");
            }
            else
            {
                Require(!satisfied, "every level has its approvals, yet the post is still in review");
            }
        }

        private List<LevelModel> ApplicableLevels(Post post)
        {
            var triggered = post.Tags.Contains("sensitive")
                || post.Variants.Any(v => v.Text.Split(' ').Any(word => word.TrimStart('#').StartsWith("preis", StringComparison.OrdinalIgnoreCase)));
            return _levels.Where(l => !l.AddedByRule || triggered).ToList();
        }

        private void Require(bool condition, string violation)
        {
            if (!condition)
            {
                Assert.Fail($"Seed {_seed}: {violation}.\nThe seed replays exactly these steps (new Sequence({_seed}, stats).Run()):\n{string.Join('\n', _log)}");
            }
        }

        private void Log(string line) => _log.Add(line);
    }

    private sealed record Snapshot(PostStatus Status, int Revision, int Version, int Decisions, int AuditCount, string Content, DateTimeOffset? Planned)
    {
        public static Snapshot Of(Post post) => new(
            post.Status,
            post.CurrentRevision,
            post.Version,
            post.Decisions.Count,
            post.AuditTrail.Count,
            Describe(post),
            post.PlannedPublishAt);

        private static string Describe(Post post)
        {
            var text = new StringBuilder();
            foreach (var variant in post.Variants)
            {
                text.Append(variant.SocialChannelId).Append(':').Append(variant.Text).Append('|').Append(variant.LiveUrl).Append(';');
            }

            return text.Append(string.Join(',', post.Tags)).Append('/').Append(string.Join(',', post.Reviewers)).Append('/').Append(post.Comments.Count).ToString();
        }
    }
}
