using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class StoryConfiguration : IEntityTypeConfiguration<Story>
{
    public void Configure(EntityTypeBuilder<Story> builder)
    {
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Slug).HasMaxLength(200);
        builder.HasIndex(s => s.Slug).IsUnique();
        builder.Property(s => s.Summary).HasMaxLength(2000);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(20);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => s.Status);
        builder.Property(s => s.SourcePublication).HasMaxLength(300);
        builder.Property(s => s.SourceUrl).HasMaxLength(2000);
        builder.Property(s => s.SourceFile).HasMaxLength(260);
        builder.Property(s => s.ImportKey).HasMaxLength(300);
        builder.HasIndex(s => s.ImportKey).IsUnique();
        builder.Property(s => s.ImportFingerprint).HasMaxLength(64);
        builder.Property(s => s.ReviewNote).HasMaxLength(1000);
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasIndex(s => s.BodyHtmlVersion);
        // The media library asks which stories use an image before it deletes one (no foreign key: ADR-013).
        builder.HasIndex(s => s.FeatureImageId);
        builder.ComplexProperty(s => s.PublishedOn, date =>
        {
            date.Property(d => d.Year).HasColumnName("PublishedYear");
            date.Property(d => d.Month).HasColumnName("PublishedMonth");
            date.Property(d => d.Day).HasColumnName("PublishedDay");
        });

        builder.HasMany(s => s.Categories).WithMany(c => c.Stories).UsingEntity("StoryCategories");
        builder.HasMany(s => s.Tags).WithMany(t => t.Stories).UsingEntity("StoryTags");
        builder.HasMany(s => s.Revisions).WithOne(r => r.Story).HasForeignKey(r => r.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.Comments).WithOne(c => c.Story).HasForeignKey(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(s => s.CaseStudies).WithOne(c => c.Story).HasForeignKey(c => c.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class FormerSlugConfiguration : IEntityTypeConfiguration<FormerSlug>
{
    public void Configure(EntityTypeBuilder<FormerSlug> builder)
    {
        builder.HasKey(f => f.Slug);
        builder.Property(f => f.Slug).HasMaxLength(200);
        builder.HasOne<Story>().WithMany().HasForeignKey(f => f.StoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class RevisionConfiguration : IEntityTypeConfiguration<Revision>
{
    public void Configure(EntityTypeBuilder<Revision> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(300);
        builder.Property(r => r.Summary).HasMaxLength(2000);
        builder.Property(r => r.SavedBy).HasMaxLength(256);
        builder.Property(r => r.Note).HasMaxLength(500);
        builder.HasIndex(r => new { r.StoryId, r.SavedAt });
    }
}
