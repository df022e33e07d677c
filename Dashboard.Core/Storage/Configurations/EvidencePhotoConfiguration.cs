using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class EvidencePhotoConfiguration : IEntityTypeConfiguration<EvidencePhoto>
{
    public void Configure(EntityTypeBuilder<EvidencePhoto> builder)
    {
        builder.ToTable("evidence_photos");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.IncidentNumber).HasMaxLength(32);
        builder.Property(e => e.Stage).HasConversion<string>().HasMaxLength(8);
        builder.Property(e => e.ContentType).HasMaxLength(32);
        builder.Property(e => e.FileName).HasMaxLength(255);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.UploadedById).HasMaxLength(128);
        builder.Property(e => e.UploadedByName).HasMaxLength(100);
        builder.HasOne<Incident>().WithMany().HasForeignKey(e => e.IncidentId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(e => e.IncidentId);
    }
}
