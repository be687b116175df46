using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using SocialCareStories.Web.Features.CaseStudies;

namespace SocialCareStories.Web.Data.Configurations;

internal sealed class CaseStudyConfiguration : IEntityTypeConfiguration<CaseStudy>
{
    public void Configure(EntityTypeBuilder<CaseStudy> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.Slug).HasMaxLength(200);
        builder.HasIndex(c => c.Slug).IsUnique();
        builder.Property(c => c.Partners).HasMaxLength(2000);
        builder.Property(c => c.Place).HasMaxLength(300);
        builder.Property(c => c.WhatWasDone).HasMaxLength(4000);
        builder.Property(c => c.Outcomes).HasMaxLength(4000);
        builder.HasMany(c => c.Organisations).WithMany().UsingEntity("CaseStudyOrganisations");
    }
}
