using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class IncidentReportConfiguration : IEntityTypeConfiguration<IncidentReport>
{
    public void Configure(EntityTypeBuilder<IncidentReport> builder)
    {
        builder.ToTable("incident_reports");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<long>("IncidentId");
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ExternalId).HasMaxLength(128);
        builder.Property(e => e.Summary).HasMaxLength(512);
        builder.Property(e => e.MergedFromNumber).HasMaxLength(32);

        // Redelivery of a message must find its report and change nothing: one row per (source, external id).
        builder.HasIndex(e => new { e.Source, e.ExternalId }).IsUnique();
        builder.HasIndex("IncidentId");
    }
}
