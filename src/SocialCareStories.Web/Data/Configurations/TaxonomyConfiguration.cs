using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Categories;
using SocialCareStories.Web.Features.Stories;
using SocialCareStories.Web.Features.Tags;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class CategoryConfiguration : IEntityTypeConfiguration<Category>
{
    public void Configure(EntityTypeBuilder<Category> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Category.NameLength);
        builder.Property(c => c.Slug).HasMaxLength(Category.NameLength);
        builder.Property(c => c.Description).HasMaxLength(Category.DescriptionLength);
        builder.Property(c => c.Terms).HasMaxLength(Category.TermsLength);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.HasIndex(c => new { c.ParentId, c.Name }).IsUnique();
        builder.HasOne(c => c.Parent).WithMany(c => c.Children).HasForeignKey(c => c.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.Ignore(c => c.Path);
    }
}

internal sealed class CategoryFormerSlugConfiguration : IEntityTypeConfiguration<CategoryFormerSlug>
{
    public void Configure(EntityTypeBuilder<CategoryFormerSlug> builder)
    {
        builder.HasKey(f => f.Slug);
        builder.Property(f => f.Slug).HasMaxLength(Category.NameLength);
        builder.HasOne<Category>().WithMany().HasForeignKey(f => f.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CategorySuggestionConfiguration : IEntityTypeConfiguration<CategorySuggestion>
{
    public void Configure(EntityTypeBuilder<CategorySuggestion> builder)
    {
        builder.Property(s => s.Reasons).HasMaxLength(CategorySuggestion.ReasonsLength);
        builder.Property(s => s.State).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(s => new { s.StoryId, s.CategoryId }).IsUnique();
        builder.HasOne<Story>().WithMany(s => s.CategorySuggestions).HasForeignKey(s => s.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.Category).WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TagConfiguration : IEntityTypeConfiguration<Tag>
{
    public void Configure(EntityTypeBuilder<Tag> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(200);
        builder.Property(t => t.Slug).HasMaxLength(200);
        builder.HasIndex(t => t.Slug).IsUnique();
    }
}
