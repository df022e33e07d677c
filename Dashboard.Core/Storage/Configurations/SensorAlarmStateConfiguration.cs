using Dashboard.Core.Telemetry;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class SensorAlarmStateConfiguration : IEntityTypeConfiguration<SensorAlarmState>
{
    public void Configure(EntityTypeBuilder<SensorAlarmState> builder)
    {
        builder.ToTable("sensor_alarm_states");
        builder.HasKey(e => new { e.DeviceId, e.AlarmKey });
        builder.Property(e => e.DeviceId).HasMaxLength(64);
        builder.Property(e => e.AlarmKey).HasMaxLength(64);
        builder.Property(e => e.IncidentNumber).HasMaxLength(32);
    }
}
