using Dashboard.Core.Quarantine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class QuarantinedMessageConfiguration : IEntityTypeConfiguration<QuarantinedMessage>
{
    public void Configure(EntityTypeBuilder<QuarantinedMessage> builder)
    {
        builder.ToTable("quarantine");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Source).HasMaxLength(32);
        builder.Property(e => e.Field).HasMaxLength(256);
        builder.Property(e => e.Reason).HasMaxLength(2000);
        builder.Property(e => e.ContentType).HasMaxLength(128);
        builder.Property(e => e.Sha256).HasMaxLength(64);
        builder.Property(e => e.RemoteAddress).HasMaxLength(64);
        builder.HasIndex(e => new { e.Source, e.ReceivedAtUtc });
    }
}
