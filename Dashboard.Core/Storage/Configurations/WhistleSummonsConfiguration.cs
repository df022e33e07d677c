using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class WhistleSummonsConfiguration : IEntityTypeConfiguration<WhistleSummons>
{
    public void Configure(EntityTypeBuilder<WhistleSummons> builder)
    {
        builder.ToTable("incident_summons");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<long>("IncidentId");
        builder.Property(e => e.DepartmentCode).HasMaxLength(32);
        builder.Property(e => e.SummonedByName).HasMaxLength(100);
        builder.Property(e => e.ReportedInByName).HasMaxLength(100);
        builder.Property(e => e.Note).HasMaxLength(1000);
        builder.Ignore(e => e.HasReportedIn);
        builder.HasIndex("IncidentId");
        // The liaison's queue asks "which cases summon my department and wait for me".
        builder.HasIndex(e => new { e.DepartmentCode, e.ReportedInUtc });
    }
}
