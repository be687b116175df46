using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.Awards;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class AwardProgrammeConfiguration : IEntityTypeConfiguration<AwardProgramme>
{
    public void Configure(EntityTypeBuilder<AwardProgramme> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(200);
        builder.Property(p => p.Slug).HasMaxLength(200);
        builder.HasIndex(p => p.Slug).IsUnique();
        builder.HasMany(p => p.Years).WithOne(y => y.Programme).HasForeignKey(y => y.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwardYearConfiguration : IEntityTypeConfiguration<AwardYear>
{
    public void Configure(EntityTypeBuilder<AwardYear> builder)
    {
        builder.HasIndex(y => new { y.ProgrammeId, y.Year }).IsUnique();
        builder.Property(y => y.Venue).HasMaxLength(300);
        builder.Property(y => y.Version).IsConcurrencyToken();
        builder.HasMany(y => y.Categories).WithOne(c => c.Year).HasForeignKey(c => c.YearId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwardCategoryConfiguration : IEntityTypeConfiguration<AwardCategory>
{
    public void Configure(EntityTypeBuilder<AwardCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.HasIndex(c => new { c.YearId, c.Name }).IsUnique();
        builder.HasMany(c => c.Entries).WithOne(e => e.Category).HasForeignKey(e => e.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AwardEntryConfiguration : IEntityTypeConfiguration<AwardEntry>
{
    public void Configure(EntityTypeBuilder<AwardEntry> builder)
    {
        builder.Property(e => e.ProjectName).HasMaxLength(300);
        builder.Property(e => e.Result).HasConversion<string>().HasMaxLength(30);
        builder.Property(e => e.Citation).HasMaxLength(2000);
        builder.Property(e => e.PhotoCaption).HasMaxLength(500);
        builder.HasIndex(e => new { e.CategoryId, e.OrganisationId, e.ProjectName }).IsUnique();
        builder.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(e => e.Story).WithMany().HasForeignKey(e => e.StoryId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(e => e.CaseStudy).WithMany().HasForeignKey(e => e.CaseStudyId).OnDelete(DeleteBehavior.SetNull);
    }
}
