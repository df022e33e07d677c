using System.Text.Json;
using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class IncidentConfiguration : IEntityTypeConfiguration<Incident>
{
    public void Configure(EntityTypeBuilder<Incident> builder)
    {
        builder.ToTable("incidents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.Number).HasMaxLength(32);
        builder.Property(e => e.Source).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.ExternalId).HasMaxLength(128);
        builder.Property(e => e.ItemCode).HasMaxLength(16);
        builder.Property(e => e.Title).HasMaxLength(256);
        builder.Property(e => e.Description).HasMaxLength(4000);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.OwnerTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.AssignedDepartmentCode).HasMaxLength(32);
        builder.Property(e => e.MergedIntoNumber).HasMaxLength(32);
        builder.ComplexProperty(e => e.Location, location =>
        {
            location.Property(l => l.Longitude).HasColumnName("longitude");
            location.Property(l => l.Latitude).HasColumnName("latitude");
            location.Property(l => l.GridCode).HasColumnName("grid_code").HasMaxLength(15);
            location.Property(l => l.CommunityCode).HasColumnName("community_code").HasMaxLength(12);
            location.Property(l => l.StreetCode).HasColumnName("street_code").HasMaxLength(9);
            location.Property(l => l.IsOutsideDistrict).HasColumnName("is_outside_district");
            location.Property(l => l.Address).HasColumnName("address").HasMaxLength(512);
        });

        // A positional record holding another record: EF cannot bind it as a complex or owned type, and it is
        // read and written whole, so it is kept as one JSON column.
        builder.Property(e => e.PendingExtension).HasConversion(
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<ExtensionRequest>(json, (JsonSerializerOptions?)null));
        builder.Property(e => e.PendingPause).HasConversion(
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<PauseRequest>(json, (JsonSerializerOptions?)null));
        builder.Property(e => e.LastCallback).HasConversion(
            value => JsonSerializer.Serialize(value, (JsonSerializerOptions?)null),
            json => JsonSerializer.Deserialize<CitizenCallback>(json, (JsonSerializerOptions?)null));

        builder.HasMany(e => e.Reports).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Reports).HasField("_reports").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Timeline).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Timeline).HasField("_timeline").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Clocks).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Clocks).HasField("_clocks").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Summons).WithOne().HasForeignKey("IncidentId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Summons).HasField("_summons").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.Ignore(e => e.DomainEvents);
        builder.Ignore(e => e.WaitingSummons);
        builder.Ignore(e => e.NeedsCitizenCallback);
        builder.Ignore(e => e.HasSatisfiedCallback);

        builder.HasIndex(e => e.Number).IsUnique();
        builder.HasIndex(e => new { e.Status, e.ItemCode });
        builder.HasIndex(e => e.ReportedUtc);
    }
}
