using Dashboard.Core.Incidents;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class IncidentNumberDayConfiguration : IEntityTypeConfiguration<IncidentNumberDay>
{
    public void Configure(EntityTypeBuilder<IncidentNumberDay> builder)
    {
        builder.ToTable("incident_number_days");
        builder.HasKey(e => e.Day);
        builder.Property(e => e.Day).ValueGeneratedNever();
    }
}
