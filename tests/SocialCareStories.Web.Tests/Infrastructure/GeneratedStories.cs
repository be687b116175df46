using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SocialCareStories.Web.Data;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Tests.Infrastructure;

public static class GeneratedStories
{
    /// <summary>Adds <paramref name="count"/> published stories, each with an author, dated a day apart.</summary>
    public static async Task AddAsync(IServiceProvider services, int count, string prefix = "generated")
    {
        await using var db = await services.GetRequiredService<IDbContextFactory<StoriesDbContext>>().CreateDbContextAsync();
        var start = await db.Stories.CountAsync();
        for (var i = 0; i < count; i++)
        {
            var n = start + i;
            var author = new Author { Name = $"Writer {prefix} {n}", Slug = $"writer-{prefix}-{n}" };
            var day = new DateOnly(2020, 1, 1).AddDays(n);
            db.Stories.Add(new Story
            {
                Title = $"Story {prefix} {n}",
                Slug = $"story-{prefix}-{n}",
                Status = StoryStatus.Published,
                BodyMarkdown = $"A generated story number {n} about good practice.",
                PublishedOn = PartialDate.From(day),
                Authors = [new StoryAuthor { Author = author, Position = 0 }],
            });
        }

        await db.SaveChangesAsync();

        // Written past the app's writers, which tell the listings through the content cache: tell them here.
        services.GetRequiredService<SocialCareStories.Web.Features.Stories.Browsing.StoryFacets>().Forget();
    }
}
