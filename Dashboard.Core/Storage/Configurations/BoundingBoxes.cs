using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using NetTopologySuite.Geometries;

namespace Dashboard.Core.Storage.Configurations;

/// <summary>
/// Every stored area keeps its WKB boundary plus min/max longitude/latitude columns, so SQL can pre-filter
/// by box without parsing geometry. The columns are shadow properties, filled from the boundary on save.
/// </summary>
internal static class BoundingBoxes
{
    private const string Boundary = "Boundary";
    private static readonly string[] Columns = ["MinLon", "MinLat", "MaxLon", "MaxLat"];

    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : class
    {
        // The boundary itself is mapped for every Geometry by CityDbContext's conventions (WKB, compared by shape).
        foreach (var column in Columns)
        {
            builder.Property<double>(column);
        }
    }

    /// <summary>Copies each added or modified area's envelope into its box columns.</summary>
    public static void Fill(EntityEntry entry)
    {
        if (entry.State is not (EntityState.Added or EntityState.Modified) || entry.Metadata.FindProperty(Columns[0]) is null)
        {
            return;
        }

        var envelope = ((Geometry)entry.Property(Boundary).CurrentValue!).EnvelopeInternal;
        entry.Property(Columns[0]).CurrentValue = envelope.MinX;
        entry.Property(Columns[1]).CurrentValue = envelope.MinY;
        entry.Property(Columns[2]).CurrentValue = envelope.MaxX;
        entry.Property(Columns[3]).CurrentValue = envelope.MaxY;
    }
}
