using Dashboard.Core.City;
using Dashboard.Core.Storage.Conversions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

/// <summary>
/// The administrative hierarchy. Boundaries are WKB with bounding-box columns that
/// <see cref="BoundingBoxes"/> fills on save, so a PostGIS view or a coarse SQL filter needs no geometry parsing.
/// </summary>
internal sealed class DistrictConfiguration : IEntityTypeConfiguration<District>
{
    public void Configure(EntityTypeBuilder<District> builder)
    {
        builder.ToTable("districts");
        builder.HasKey(d => d.Code);
        builder.Property(d => d.Code).HasMaxLength(6);
        builder.Property(d => d.Name).HasMaxLength(32);
        builder.Property(d => d.NameEn).HasMaxLength(64);
        BoundingBoxes.Configure(builder);
    }
}

internal sealed class StreetConfiguration : IEntityTypeConfiguration<Street>
{
    public void Configure(EntityTypeBuilder<Street> builder)
    {
        builder.ToTable("streets");
        builder.HasKey(s => s.Code);
        builder.Property(s => s.Code).HasConversion<StreetCodeConverter>().HasMaxLength(9);
        builder.Property(s => s.Name).HasMaxLength(32);
        builder.Property(s => s.NameEn).HasMaxLength(64);
        builder.Property(s => s.Kind).HasConversion<string>().HasMaxLength(16);
        BoundingBoxes.Configure(builder);
    }
}

internal sealed class CommunityConfiguration : IEntityTypeConfiguration<Community>
{
    public void Configure(EntityTypeBuilder<Community> builder)
    {
        builder.ToTable("communities");
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasConversion<CommunityCodeConverter>().HasMaxLength(12);
        builder.Property(c => c.StreetCode).HasConversion<StreetCodeConverter>().HasMaxLength(9);
        builder.Property(c => c.Name).HasMaxLength(32);
        builder.Property(c => c.NameEn).HasMaxLength(64);
        builder.Property(c => c.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Street>().WithMany().HasForeignKey(c => c.StreetCode).OnDelete(DeleteBehavior.Restrict);
        BoundingBoxes.Configure(builder);
    }
}

internal sealed class GridCellConfiguration : IEntityTypeConfiguration<GridCell>
{
    public void Configure(EntityTypeBuilder<GridCell> builder)
    {
        builder.ToTable("grid_cells");
        builder.HasKey(g => g.Code);
        builder.Property(g => g.Code).HasConversion<GridCodeConverter>().HasMaxLength(15);
        builder.Property(g => g.CommunityCode).HasConversion<CommunityCodeConverter>().HasMaxLength(12);
        builder.Property(g => g.StreetCode).HasConversion<StreetCodeConverter>().HasMaxLength(9);
        builder.Property(g => g.Name).HasMaxLength(48);
        builder.Property(g => g.NameEn).HasMaxLength(96);
        builder.HasOne<Community>().WithMany().HasForeignKey(g => g.CommunityCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(g => g.StreetCode);
        BoundingBoxes.Configure(builder);
    }
}

internal sealed class EnclaveConfiguration : IEntityTypeConfiguration<Enclave>
{
    public void Configure(EntityTypeBuilder<Enclave> builder)
    {
        builder.ToTable("enclaves");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(32);
        builder.Property(e => e.Name).HasMaxLength(64);
        builder.Property(e => e.NameEn).HasMaxLength(128);
        builder.Property(e => e.Note).HasMaxLength(512);
        builder.Property(e => e.CandidateStreetCodes).HasField("_candidateStreetCodes").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new StreetCodeListConverter(), new ListComparer<StreetCode>()).HasMaxLength(64);
        BoundingBoxes.Configure(builder);
    }
}
