using Dashboard.Core.Registry;
using Dashboard.Core.Storage.Conversions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class CameraConfiguration : IEntityTypeConfiguration<Camera>
{
    public void Configure(EntityTypeBuilder<Camera> builder)
    {
        builder.ToTable("cameras");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(32);
        builder.Property(c => c.Name).HasMaxLength(64);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.GridCode).HasConversion<GridCodeConverter>().HasMaxLength(15);
        builder.Property(c => c.IsapiDeviceSerial).HasMaxLength(64);
        builder.Ignore(c => c.Location);
        builder.HasIndex(c => c.GridCode);
        builder.HasIndex(c => new { c.IsapiDeviceSerial, c.IsapiChannel }).IsUnique();
    }
}

internal sealed class SensorConfiguration : IEntityTypeConfiguration<Sensor>
{
    public void Configure(EntityTypeBuilder<Sensor> builder)
    {
        builder.ToTable("sensors");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(32);
        builder.Property(s => s.Name).HasMaxLength(64);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.GridCode).HasConversion<GridCodeConverter>().HasMaxLength(15);
        builder.Property(s => s.HeartbeatInterval).HasConversion<WholeSecondsConverter>().HasColumnName("heartbeat_seconds");
        builder.Property(s => s.Thresholds).HasField("_thresholds").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new JsonDictionaryConverter(), new DictionaryComparer());
        builder.Ignore(s => s.Location);
        builder.HasIndex(s => s.GridCode);
    }
}

internal sealed class GuardPostConfiguration : IEntityTypeConfiguration<GuardPost>
{
    public void Configure(EntityTypeBuilder<GuardPost> builder)
    {
        builder.ToTable("guard_posts");
        builder.HasKey(g => g.Id);
        builder.Property(g => g.Id).HasMaxLength(32);
        builder.Property(g => g.Name).HasMaxLength(64);
        builder.Property(g => g.GridCode).HasConversion<GridCodeConverter>().HasMaxLength(15);
        builder.Ignore(g => g.Location);
    }
}
