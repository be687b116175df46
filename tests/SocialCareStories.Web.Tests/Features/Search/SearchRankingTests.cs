using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Search;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Tests.Infrastructure;

namespace SocialCareStories.Web.Tests.Features.Search;

/// <summary>
/// One word is ranked without bm25's count of every story containing it (<see cref="Bm25WithoutIdf"/>), in exactly
/// bm25's order; and each hit's passage comes from where the words are.
/// </summary>
public sealed class SearchRankingTests : IClassFixture<SearchRankingTests.VariedStories>
{
    private const string Word = "zephyrrank";
    private const string Other = "quillwort";
    private const string Weights = "10.0, 4.0, 1.0, 4.0, 4.0";
    private readonly VariedStories _stories;

    public SearchRankingTests(VariedStories stories) => _stories = stories;

    /// <summary>
    /// Stories that mention <see cref="Word"/> a different number of times, in different columns, in bodies of
    /// different lengths, so bm25 gives them many different scores (and some equal ones, which rowid orders).
    /// </summary>
    public sealed class VariedStories : IAsyncLifetime
    {
        public const int Count = 60;

        public EmptyPortalFactory Portal { get; } = new();

        public async Task InitializeAsync()
        {
            await using var db = await Portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
            for (var n = 0; n < Count; n++)
            {
                var mentions = string.Join(' ', Enumerable.Repeat(Word, 1 + (n * 7 % 5)));
                var padding = string.Join(' ', Enumerable.Repeat("ordinary words about the day", n * 3 % 11));
                db.Stories.Add(new Story
                {
                    Title = n % 9 == 0 ? $"The {Word} story {n}" : $"Story {n}",
                    Slug = $"ranked-{n}",
                    Summary = n % 4 == 0 ? $"A summary that says {Word}." : "A summary.",
                    Status = StoryStatus.Published,
                    BodyMarkdown = $"Story {n}. {mentions} {padding} {(n % 3 == 0 ? Other : "")}",
                    PublishedOn = PartialDate.From(new DateOnly(2021, 1, 1).AddDays(n)),
                    Authors = [new StoryAuthor { Author = new Author { Name = $"Ranked Writer {n}", Slug = $"ranked-writer-{n}" }, Position = 0 }],
                });
            }

            db.Stories.Add(new Story
            {
                Title = "Found by its summary",
                Slug = "found-by-its-summary",
                Summary = "Only the summary names the plant lungwortine.",
                Status = StoryStatus.Published,
                BodyMarkdown = "A body about something else entirely.",
                PublishedOn = PartialDate.From(new DateOnly(2021, 6, 1)),
            });
            db.Stories.Add(new Story
            {
                Title = "Found by its author",
                Slug = "found-by-its-author",
                Status = StoryStatus.Published,
                BodyMarkdown = "A body that names nobody.",
                PublishedOn = PartialDate.From(new DateOnly(2021, 6, 2)),
                Authors = [new StoryAuthor { Author = new Author { Name = "Ottoline Brackenbury", Slug = "ottoline-brackenbury" }, Position = 0 }],
            });
            await db.SaveChangesAsync();
        }

        public Task DisposeAsync()
        {
            Portal.Dispose();
            return Task.CompletedTask;
        }
    }

    private async Task<List<int>> SearchIdsAsync(string query, StoryFilter filter)
    {
        await using var scope = _stories.Portal.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync(query, filter, pageSize: 1000);
        return page.Items.Select(hit => hit.Story.Id).ToList();
    }

    private async Task<List<int>> IdsInOrderAsync(string orderBy, string match)
    {
        await using var db = await _stories.Portal.Services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        await db.Database.OpenConnectionAsync();
        Bm25WithoutIdf.EnsureAddedTo((SqliteConnection)db.Database.GetDbConnection());
#pragma warning disable EF1002 // orderBy is one of this class's constants
        return await db.Database.SqlQueryRaw<int>(
            $"SELECT rowid AS Value FROM StorySearch WHERE StorySearch MATCH {{0}} ORDER BY {orderBy}, rowid", match).ToListAsync();
#pragma warning restore EF1002
    }

    [SqliteOnlyFact]
    public async Task One_word_is_ranked_exactly_as_bm25_ranks_it()
    {
        var bm25 = await IdsInOrderAsync($"bm25(StorySearch, {Weights})", $"\"{Word}\"");

        Assert.Equal(VariedStories.Count, bm25.Count);
        Assert.NotEqual(bm25.Order().ToList(), bm25);
        Assert.Equal(bm25, await SearchIdsAsync(Word, new StoryFilter()));
        Assert.Equal(bm25, await SearchIdsAsync(Word, new StoryFilter { Year = 2021 }));
    }

    [SqliteOnlyFact]
    public async Task Two_words_are_ranked_by_bm25_with_each_words_weight()
    {
        var bm25 = await IdsInOrderAsync($"bm25(StorySearch, {Weights})", $"\"{Word}\" AND \"{Other}\"");

        Assert.Equal(VariedStories.Count / 3, bm25.Count);
        Assert.Equal(bm25, await SearchIdsAsync($"{Word} {Other}", new StoryFilter()));
    }

    [SqliteOnlyFact]
    public async Task The_one_word_ranking_refuses_a_query_of_two_words()
    {
        var error = await Assert.ThrowsAsync<SqliteException>(() =>
            IdsInOrderAsync($"{Bm25WithoutIdf.FunctionName}(StorySearch, {Weights})", $"\"{Word}\" AND \"{Other}\""));

        Assert.Contains("one word", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_found_by_its_summary_shows_the_summary_passage()
    {
        await using var scope = _stories.Portal.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync("lungwortine", new StoryFilter());

        var hit = Assert.Single(page.Items);
        Assert.Contains("<mark>lungwortine</mark>", hit.SnippetHtml, StringComparison.Ordinal);
        Assert.Contains("Only the summary names", hit.SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_story_found_by_its_authors_name_shows_the_name()
    {
        await using var scope = _stories.Portal.Services.CreateAsyncScope();
        var page = await scope.ServiceProvider.GetRequiredService<IStorySearch>().SearchAsync("Brackenbury", new StoryFilter());

        var hit = Assert.Single(page.Items);
        Assert.Contains("<mark>Brackenbury</mark>", hit.SnippetHtml, StringComparison.Ordinal);
    }
}
