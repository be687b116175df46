using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Awards;
using SocialCareStories.Web.Features.CaseStudies;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Comments;
using SocialCareStories.Web.Features.Media;
using SocialCareStories.Web.Features.Organisations;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Tags;
using SocialCareStories.Web.Hosting.SeveralInstances;

namespace SocialCareStories.Web.Data;

/// <summary>The one DbContext the app's code uses, whichever engine holds the store (see <see cref="StoreSetup"/>).</summary>
/// <param name="renderer">Renders a story's stored HTML on save; the app passes its singleton. Contexts made by hand
/// (commands' tests, the benchmark's generator, design time) may leave it out and share one made here.</param>
public class StoriesDbContext(DbContextOptions<StoriesDbContext> options, TimeProvider clock, MarkdownRenderer? renderer = null) : IdentityDbContext<PortalUser>(options), IDataProtectionKeyContext
{
    private static readonly Lazy<MarkdownRenderer> SharedRenderer = new(() => new MarkdownRenderer());
    private readonly MarkdownRenderer _renderer = renderer ?? SharedRenderer.Value;

    public DbSet<Story> Stories => Set<Story>();
    public DbSet<Revision> Revisions => Set<Revision>();
    public DbSet<FormerSlug> FormerSlugs => Set<FormerSlug>();
    public DbSet<Author> Authors => Set<Author>();
    public DbSet<StoryAuthor> StoryAuthors => Set<StoryAuthor>();
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<Category> Categories => Set<Category>();
    public DbSet<CategoryFormerSlug> CategoryFormerSlugs => Set<CategoryFormerSlug>();
    public DbSet<CategorySuggestion> CategorySuggestions => Set<CategorySuggestion>();
    public DbSet<Tag> Tags => Set<Tag>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<CaseStudy> CaseStudies => Set<CaseStudy>();
    public DbSet<AwardProgramme> AwardProgrammes => Set<AwardProgramme>();
    public DbSet<AwardYear> AwardYears => Set<AwardYear>();
    public DbSet<AwardCategory> AwardCategories => Set<AwardCategory>();
    public DbSet<AwardEntry> AwardEntries => Set<AwardEntry>();
    public DbSet<StoryDraft> StoryDrafts => Set<StoryDraft>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<MediaImage> MediaImages => Set<MediaImage>();
    public DbSet<MediaVariant> MediaVariants => Set<MediaVariant>();
    public DbSet<MediaBlob> MediaBlobs => Set<MediaBlob>();

    /// <summary>ASP.NET Core Data Protection's key ring, shared by every instance on this store.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>Which instance does a job that must run once across instances (scheduled publishing).</summary>
    public DbSet<Lease> Leases => Set<Lease>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        // Identity's tables (AspNetUsers, AspNetRoles, …) live in the same store as the content.
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(StoriesDbContext).Assembly);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        StampChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        StampChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    /// <summary>Set only by copy-store: copied rows keep the versions, times and HTML they were saved with in the source store.</summary>
    internal bool KeepStamps { get; set; }

    // SQLite cannot generate a row version, so every save of a versioned entity gets a fresh token here;
    // the original value still goes into the UPDATE's WHERE clause, which is what detects a conflict.
    // A story's HTML is rendered here too, whenever its Markdown is new or changed, so no writer (editor,
    // import, curation, tests) can store a body without its HTML: readers' pages use the stored HTML.
    private void StampChanges()
    {
        if (KeepStamps)
        {
            return;
        }

        var now = clock.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State is not (EntityState.Added or EntityState.Modified))
            {
                continue;
            }

            if (entry.Entity is IVersioned versioned)
            {
                versioned.Version = Guid.NewGuid();
            }

            if (entry.Entity is Story story)
            {
                if (entry.State == EntityState.Added && story.CreatedAt == default)
                {
                    story.CreatedAt = now;
                }

                story.UpdatedAt = now;
                if (entry.State == EntityState.Added || entry.Property(nameof(Story.BodyMarkdown)).IsModified
                    || story.BodyHtmlVersion != MarkdownRenderer.Version || story.BodyHtml is null)
                {
                    story.BodyHtml = _renderer.ToSafeHtml(story.BodyMarkdown);
                    story.BodyHtmlVersion = MarkdownRenderer.Version;
                }
            }
        }
    }
}
