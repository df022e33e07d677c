using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class DeviceEventConfiguration : IEntityTypeConfiguration<DeviceEvent>
{
    public void Configure(EntityTypeBuilder<DeviceEvent> builder)
    {
        builder.ToTable("device_events");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Source).HasMaxLength(16);
        builder.Property(e => e.ExternalId).HasMaxLength(128);
        builder.Property(e => e.DeviceId).HasMaxLength(64);
        builder.Property(e => e.EventType).HasMaxLength(64);
        builder.Property(e => e.State).HasMaxLength(16);
        builder.Property(e => e.Reason).HasMaxLength(256);

        // A device repeats and retransmits: one row per message, as for incident reports.
        builder.HasIndex(e => new { e.Source, e.ExternalId }).IsUnique();
        builder.HasIndex(e => new { e.DeviceId, e.OccurredAtUtc });
    }
}
