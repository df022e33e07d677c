using Dashboard.Core.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class SlaWatchStateConfiguration : IEntityTypeConfiguration<SlaWatchState>
{
    public void Configure(EntityTypeBuilder<SlaWatchState> builder)
    {
        builder.ToTable("sla_watch_states");
        builder.HasKey(e => e.IncidentId);
        builder.Property(e => e.IncidentId).ValueGeneratedNever();
        builder.Property(e => e.Light).HasConversion<string>().HasMaxLength(8);
    }
}

internal sealed class HourlyRollupConfiguration : IEntityTypeConfiguration<HourlyRollup>
{
    public void Configure(EntityTypeBuilder<HourlyRollup> builder) => RollupTable.Configure(builder, "rollup_hourly");
}

internal sealed class DailyRollupConfiguration : IEntityTypeConfiguration<DailyRollup>
{
    public void Configure(EntityTypeBuilder<DailyRollup> builder) => RollupTable.Configure(builder, "rollup_daily");
}

internal static class RollupTable
{
    public static void Configure<T>(EntityTypeBuilder<T> builder, string table)
        where T : IncidentRollup
    {
        builder.ToTable(table);
        builder.HasKey(e => new { e.BucketStartUtc, e.Dimension, e.Key });
        builder.Property(e => e.Dimension).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Key).HasMaxLength(32);
        // Charts ask "this dimension over a time range", so the dimension leads.
        builder.HasIndex(e => new { e.Dimension, e.BucketStartUtc });
    }
}

internal sealed class ArchivedReportPayloadConfiguration : IEntityTypeConfiguration<ArchivedReportPayload>
{
    public void Configure(EntityTypeBuilder<ArchivedReportPayload> builder)
    {
        builder.ToTable("archived_report_payloads");
        builder.HasKey(e => e.ReportId);
        builder.Property(e => e.ReportId).ValueGeneratedNever();
        builder.Property(e => e.IncidentNumber).HasMaxLength(32);
        builder.HasIndex(e => e.IncidentNumber);
    }
}

internal sealed class ArchivedQuarantineMessageConfiguration : IEntityTypeConfiguration<ArchivedQuarantineMessage>
{
    public void Configure(EntityTypeBuilder<ArchivedQuarantineMessage> builder)
    {
        builder.ToTable("archived_quarantine");
        builder.HasKey(e => e.QuarantineId);
        builder.Property(e => e.QuarantineId).ValueGeneratedNever();
        builder.Property(e => e.Source).HasMaxLength(32);
        builder.Property(e => e.Field).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
    }
}
