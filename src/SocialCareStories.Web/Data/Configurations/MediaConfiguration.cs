using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Media;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class MediaImageConfiguration : IEntityTypeConfiguration<MediaImage>
{
    public void Configure(EntityTypeBuilder<MediaImage> builder)
    {
        builder.Property(i => i.FileName).HasMaxLength(200);
        builder.Property(i => i.AltText).HasMaxLength(500);
        builder.Property(i => i.Caption).HasMaxLength(1000);
        builder.Property(i => i.Credit).HasMaxLength(300);
        builder.Property(i => i.ContentType).HasMaxLength(50);
        builder.Property(i => i.Hash).HasMaxLength(64);
        builder.Property(i => i.FormerHashes).HasMaxLength(2000);
        builder.Property(i => i.UploadedBy).HasMaxLength(256);
        builder.Property(i => i.Version).IsConcurrencyToken();
        builder.HasMany(i => i.Variants).WithOne().HasForeignKey(v => v.MediaImageId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MediaVariantConfiguration : IEntityTypeConfiguration<MediaVariant>
{
    public void Configure(EntityTypeBuilder<MediaVariant> builder)
    {
        builder.Property(v => v.Format).HasMaxLength(10);
        builder.Property(v => v.ContentType).HasMaxLength(50);
        builder.Property(v => v.StorageKey).HasMaxLength(300);
        builder.HasIndex(v => new { v.MediaImageId, v.Width, v.Format }).IsUnique();
    }
}

internal sealed class MediaBlobConfiguration : IEntityTypeConfiguration<MediaBlob>
{
    public void Configure(EntityTypeBuilder<MediaBlob> builder)
    {
        builder.HasKey(b => b.Key);
        builder.Property(b => b.Key).HasMaxLength(300);
    }
}
