using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Stories.Browsing;

namespace SocialCareStories.Web.Tests.Features.Stories.Browsing;

/// <summary>The facet snapshot on hand-made stories: filtering, paging and counts, with no store.</summary>
public class FacetSnapshotTests
{
    // Two sectors with a theme each; a collection tag and an ordinary tag; two organisations.
    private static readonly FacetCategory Care = new(1, "Social Care", "social-care", null, false);
    private static readonly FacetCategory Carers = new(2, "Carers", "social-care-carers", 1, false);
    private static readonly FacetCategory Mental = new(3, "Mental Health", "mental-health", null, false);
    private static readonly FacetCategory Dementia = new(4, "Dementia", "mental-health-dementia", 3, false);
    private static readonly FacetName Fab = new(10, "Fabulous Stuff", "fabulous-stuff", true);
    private static readonly FacetName Plain = new(11, "Gardens", "gardens", false);
    private static readonly FacetName Leeds = new(20, "Leeds City Council", "leeds-city-council", false);
    private static readonly FacetName Certitude = new(21, "Certitude", "certitude", false);

    private static byte Kinds(params StoryKind[] kinds) => (byte)kinds.Sum(k => 1 << (int)k);

    // Newest first, as the store gives them.
    private static FacetSnapshot Snapshot() => new(
        [
            new FacetEntry(6, Kinds(StoryKind.BlogPost, StoryKind.CaseStudy), 2017, [1, 2], [10], [], [20], [2015]),
            new FacetEntry(5, Kinds(StoryKind.News), 2017, [3, 4], [], [], [21], []),
            new FacetEntry(4, Kinds(StoryKind.BlogPost), 2016, [1, 2, 3, 4], [11], [], [], []),
            new FacetEntry(3, Kinds(StoryKind.BlogPost), 2016, [3], [], [], [], []),
            new FacetEntry(2, Kinds(StoryKind.BlogPost), 0, [1], [], [], [20], []),
            new FacetEntry(1, Kinds(StoryKind.CaseStudy), 2015, [], [], [], [], []),
        ],
        [Care, Carers, Mental, Dementia], [Fab, Plain], [Leeds, Certitude], [], DateTimeOffset.UnixEpoch);

    [Fact]
    public void Filters_combine_and_keep_the_newest_first_order()
    {
        var found = Snapshot().Query(new StoryFilter { Sector = "mental-health", Year = 2016 }, pageSize: 20);

        Assert.Equal([4, 3], found.PageIds);
        Assert.Equal(2, found.Total);
    }

    [Fact]
    public void A_facets_counts_are_over_the_other_choices_so_its_other_values_show_what_they_would_give()
    {
        var menus = Snapshot().Query(new StoryFilter { Sector = "mental-health", Year = 2016 }, pageSize: 20).Menus;

        // Sectors: stories of 2016 (4, 3) by sector; years: Mental Health stories (5, 4, 3) by year.
        Assert.Equal([("mental-health", 2), ("social-care", 1)], menus.Sectors.Select(o => (o.Value, o.Count)).OrderBy(o => o.Value));
        Assert.Equal([("2017", 1), ("2016", 2)], menus.Years.Select(o => (o.Value, o.Count)));
    }

    [Fact]
    public void The_theme_menu_offers_the_chosen_sectors_themes_only()
    {
        var menus = Snapshot().Query(new StoryFilter { Sector = "social-care" }, pageSize: 20).Menus;

        var group = Assert.Single(menus.Themes);
        Assert.Equal("Social Care", group.Sector);
        Assert.Equal([("social-care-carers", 2)], group.Themes.Select(t => (t.Value, t.Count)));
    }

    [Fact]
    public void Kind_case_study_includes_a_story_of_another_kind_that_tells_a_case_study()
    {
        var found = Snapshot().Query(new StoryFilter { Kind = StoryKind.CaseStudy }, pageSize: 20);

        Assert.Equal([6, 1], found.PageIds);
        Assert.Contains(found.Menus.Kinds, k => k.Value == "blog-post" && k.Count == 4);
    }

    [Fact]
    public void Collections_organisations_and_awards_are_facets_too()
    {
        var snapshot = Snapshot();

        Assert.Equal([6], snapshot.Query(new StoryFilter { Collection = "fabulous-stuff" }, 20).PageIds);
        Assert.Equal([6, 2], snapshot.Query(new StoryFilter { Organisation = "leeds-city-council" }, 20).PageIds);
        Assert.Equal([6], snapshot.Query(new StoryFilter { Award = 2015 }, 20).PageIds);
        var menus = snapshot.Query(new StoryFilter(), 20).Menus;
        Assert.Equal([("fabulous-stuff", 1)], menus.Collections.Select(c => (c.Value, c.Count)));
        Assert.Equal([("2015", 1)], menus.Awards.Select(a => (a.Value, a.Count)));
    }

    [Fact]
    public void A_tag_that_is_not_a_collection_is_no_collection()
    {
        Assert.Empty(Snapshot().Query(new StoryFilter { Collection = "gardens" }, 20).PageIds);
    }

    [Fact]
    public void An_unknown_value_matches_nothing_and_stays_in_its_menu_to_be_undone()
    {
        var found = Snapshot().Query(new StoryFilter { Sector = "no-such-sector", Year = 1999 }, 20);

        Assert.Empty(found.PageIds);
        Assert.Contains(found.Menus.Years, y => y.Value == "1999" && y.Count == 0);
    }

    [Fact]
    public void Pages_walk_every_match_once_and_a_page_past_the_end_shows_the_last()
    {
        var snapshot = Snapshot();

        var pages = Enumerable.Range(1, 3).SelectMany(p => snapshot.Query(new StoryFilter { Page = p }, 2).PageIds).ToList();
        Assert.Equal([6, 5, 4, 3, 2, 1], pages);
        Assert.Equal([2, 1], snapshot.Query(new StoryFilter { Page = 99 }, 2).PageIds);
    }

    [Fact]
    public void A_search_counts_its_facets_over_its_own_matches()
    {
        var menus = Snapshot().Query(new StoryFilter(), 20, within: new HashSet<int> { 5, 3 }).Menus;

        Assert.Equal([("mental-health", 2)], menus.Sectors.Select(s => (s.Value, s.Count)));
    }

    [Fact]
    public void Category_counts_include_each_sectors_themes()
    {
        var counts = Snapshot().CategoryCounts;

        Assert.Equal(3, counts[Care.Id]);
        Assert.Equal(3, counts[Mental.Id]);
        Assert.Equal(2, counts[Dementia.Id]);
    }
}
