using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class IncidentTimelineEntryConfiguration : IEntityTypeConfiguration<IncidentTimelineEntry>
{
    public void Configure(EntityTypeBuilder<IncidentTimelineEntry> builder)
    {
        builder.ToTable("incident_timeline");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<long>("IncidentId");
        builder.Property(e => e.ActorId).HasMaxLength(128);
        builder.Property(e => e.ActorName).HasMaxLength(128);
        builder.Property(e => e.ActorRole).HasMaxLength(32);
        builder.Property(e => e.Action).HasConversion<string>().HasMaxLength(24);
        builder.Property(e => e.FromStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ToStatus).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Ignore(e => e.Actor);
        builder.HasIndex("IncidentId", nameof(IncidentTimelineEntry.Sequence)).IsUnique();
    }
}
