using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Authors;
using SocialCareStories.Web.Features.Organisations;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class AuthorConfiguration : IEntityTypeConfiguration<Author>
{
    public void Configure(EntityTypeBuilder<Author> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.Slug).HasMaxLength(200);
        builder.HasIndex(a => a.Slug).IsUnique();
        builder.Property(a => a.Role).HasMaxLength(300);
        builder.Property(a => a.SocialHandle).HasMaxLength(100);
        builder.HasOne(a => a.Organisation).WithMany().HasForeignKey(a => a.OrganisationId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class StoryAuthorConfiguration : IEntityTypeConfiguration<StoryAuthor>
{
    public void Configure(EntityTypeBuilder<StoryAuthor> builder)
    {
        builder.HasKey(sa => new { sa.StoryId, sa.AuthorId });
        builder.HasOne(sa => sa.Story).WithMany(s => s.Authors).HasForeignKey(sa => sa.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(sa => sa.Author).WithMany(a => a.Stories).HasForeignKey(sa => sa.AuthorId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(300);
        builder.Property(o => o.Slug).HasMaxLength(200);
        builder.HasIndex(o => o.Slug).IsUnique();
        builder.Property(o => o.Website).HasMaxLength(2000);
    }
}
