using Dashboard.Core.Storage.ChangeLog;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class ChangeLogEntryConfiguration : IEntityTypeConfiguration<ChangeLogEntry>
{
    public void Configure(EntityTypeBuilder<ChangeLogEntry> builder)
    {
        builder.ToTable("change_log");
        builder.HasKey(e => e.Sequence);
        builder.Property(e => e.Sequence).ValueGeneratedOnAdd();
        builder.Property(e => e.Kind).HasMaxLength(64);
        builder.Property(e => e.EntityType).HasMaxLength(32);
        builder.Property(e => e.EntityId).HasMaxLength(64);
        builder.Property(e => e.StreetCode).HasMaxLength(9);
        builder.Property(e => e.CommunityCode).HasMaxLength(12);
        builder.Property(e => e.GridCode).HasMaxLength(15);
        builder.Property(e => e.Actor).HasMaxLength(128);
        builder.HasIndex(e => new { e.EntityType, e.EntityId, e.Sequence });
        builder.HasIndex(e => e.AtUtc);
    }
}
