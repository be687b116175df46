using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Accounts;
using SocialCareStories.Web.Features.Audit;
using SocialCareStories.Web.Features.Stories;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class PortalUserConfiguration : IEntityTypeConfiguration<PortalUser>
{
    public void Configure(EntityTypeBuilder<PortalUser> builder) =>
        builder.Property(u => u.DisplayName).HasMaxLength(200);
}

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.Property(a => a.UserId).HasMaxLength(450);
        builder.Property(a => a.UserName).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(100);
        builder.Property(a => a.ItemType).HasMaxLength(100);
        builder.Property(a => a.ItemId).HasMaxLength(100);
        builder.Property(a => a.Summary).HasMaxLength(500);
        builder.HasIndex(a => a.At);
        builder.HasIndex(a => new { a.ItemType, a.ItemId });
    }
}

internal sealed class StoryDraftConfiguration : IEntityTypeConfiguration<StoryDraft>
{
    public void Configure(EntityTypeBuilder<StoryDraft> builder)
    {
        builder.Property(d => d.UserId).HasMaxLength(450);
        builder.Property(d => d.Title).HasMaxLength(300);
        builder.Property(d => d.Slug).HasMaxLength(200);
        builder.Property(d => d.Summary).HasMaxLength(2000);
        builder.HasOne(d => d.Story).WithMany().HasForeignKey(d => d.StoryId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => new { d.UserId, d.StoryId });
    }
}
