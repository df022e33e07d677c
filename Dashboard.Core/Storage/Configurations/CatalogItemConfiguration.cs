using Dashboard.Core.Catalog;
using Dashboard.Core.Storage.Conversions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class CatalogItemConfiguration : IEntityTypeConfiguration<CatalogItem>
{
    public void Configure(EntityTypeBuilder<CatalogItem> builder)
    {
        builder.ToTable("catalog_items");
        builder.HasKey(i => i.Code);
        builder.Property(i => i.Code).HasMaxLength(16);
        builder.Property(i => i.StandardCode).HasMaxLength(8);
        builder.Property(i => i.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.MajorClassCode).HasMaxLength(4);
        builder.Property(i => i.MajorClassName).HasMaxLength(32);
        builder.Property(i => i.MinorClassCode).HasMaxLength(4);
        builder.Property(i => i.MinorClassName).HasMaxLength(64);
        builder.Property(i => i.Name).HasMaxLength(64);
        builder.Property(i => i.NameEn).HasMaxLength(128);
        builder.Property(i => i.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(i => i.DepartmentCodes).HasField("_departmentCodes").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new JsonListConverter<string>(), new ListComparer<string>());
        builder.Property(i => i.FeedKeys).HasField("_feedKeys").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new JsonListConverter<string>(), new ListComparer<string>());
        builder.Property(i => i.Slas).HasField("_slas").UsePropertyAccessMode(PropertyAccessMode.Field)
            .HasConversion(new JsonListConverter<StageSla>(), new ListComparer<StageSla>());
        builder.Ignore(i => i.HasSeveralCandidateDepartments);
        builder.HasIndex(i => i.StandardCode);
    }
}
