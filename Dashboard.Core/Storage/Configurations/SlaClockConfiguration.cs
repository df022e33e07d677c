using Dashboard.Core.Sla;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class SlaClockConfiguration : IEntityTypeConfiguration<SlaClock>
{
    public void Configure(EntityTypeBuilder<SlaClock> builder)
    {
        builder.ToTable("sla_clocks");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<long>("IncidentId");
        builder.Property(e => e.Stage).HasConversion<string>().HasMaxLength(16);
        builder.ComplexProperty(e => e.Limit, limit =>
        {
            limit.Property(l => l.Amount).HasColumnName("limit_amount");
            limit.Property(l => l.Unit).HasColumnName("limit_unit").HasConversion<string>().HasMaxLength(16);
        });

        // Durations as ticks on both providers: exact, and comparable in SQL.
        builder.Property(e => e.Budget).HasConversion<long>();
        builder.Property(e => e.TotalPaused).HasConversion<long>();
        builder.HasIndex("IncidentId");
        builder.HasIndex(e => e.DueUtc);
    }
}
