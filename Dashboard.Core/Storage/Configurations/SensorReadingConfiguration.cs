using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class SensorReadingConfiguration : IEntityTypeConfiguration<SensorReading>
{
    public void Configure(EntityTypeBuilder<SensorReading> builder)
    {
        builder.ToTable("sensor_readings");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.DeviceId).HasMaxLength(64);
        builder.Property(e => e.Kind).HasMaxLength(16);
        builder.Property(e => e.PressureMPa).HasColumnName("pressure_mpa");

        // The one index: it makes redelivery harmless and serves "this device's recent readings".
        builder.HasIndex(e => new { e.DeviceId, e.ObservedAtUtc }).IsUnique();
    }
}
