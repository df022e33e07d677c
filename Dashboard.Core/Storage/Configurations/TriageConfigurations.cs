using Dashboard.Core.Triage;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Dashboard.Core.Storage.Configurations;

internal sealed class TriageRoomConfiguration : IEntityTypeConfiguration<TriageRoom>
{
    public void Configure(EntityTypeBuilder<TriageRoom> builder)
    {
        builder.ToTable("triage_rooms");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).HasMaxLength(64).ValueGeneratedNever();
        builder.Property(e => e.IncidentNumber).HasMaxLength(32);
        builder.Property(e => e.Title).HasMaxLength(256);
        builder.Property(e => e.ItemCode).HasMaxLength(16);
        builder.Property(e => e.StreetCode).HasMaxLength(9);
        builder.Property(e => e.CommunityCode).HasMaxLength(12);
        builder.Property(e => e.GridCode).HasMaxLength(15);
        builder.Property(e => e.ChairId).HasMaxLength(128);
        builder.Property(e => e.ChairName).HasMaxLength(128);
        builder.Property(e => e.ChairRole).HasMaxLength(32);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RulingTier).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.VideoUrl).HasMaxLength(512);
        builder.Property(e => e.OwnerDepartmentCode).HasMaxLength(32);
        builder.Property(e => e.OwnerTier).HasConversion<string>().HasMaxLength(16);
        builder.Ignore(e => e.Scope);
        builder.HasMany(e => e.Invitations).WithOne().HasForeignKey("RoomId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Invitations).HasField("_invitations").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasMany(e => e.Steps).WithOne().HasForeignKey("RoomId").OnDelete(DeleteBehavior.Cascade);
        builder.Navigation(e => e.Steps).HasField("_steps").UsePropertyAccessMode(PropertyAccessMode.Field);
        builder.HasIndex(e => e.IncidentNumber);
        builder.HasIndex(e => new { e.Status, e.OpenedUtc });
    }
}

internal sealed class RoomInvitationConfiguration : IEntityTypeConfiguration<RoomInvitation>
{
    public void Configure(EntityTypeBuilder<RoomInvitation> builder)
    {
        builder.ToTable("triage_room_invitations");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<string>("RoomId").HasMaxLength(64).IsRequired();
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Code).HasMaxLength(32);
        builder.Property(e => e.InvitedByName).HasMaxLength(128);
        // "Which rooms is my department or street invited to" is the entry check of every liaison and director.
        builder.HasIndex(e => new { e.Kind, e.Code });
        builder.HasIndex("RoomId", nameof(RoomInvitation.Kind), nameof(RoomInvitation.Code)).IsUnique();
    }
}

internal sealed class RoomStepConfiguration : IEntityTypeConfiguration<RoomStep>
{
    public void Configure(EntityTypeBuilder<RoomStep> builder)
    {
        builder.ToTable("triage_room_steps");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property<string>("RoomId").HasMaxLength(64).IsRequired();
        builder.Property(e => e.ActorId).HasMaxLength(128);
        builder.Property(e => e.ActorName).HasMaxLength(128);
        builder.Property(e => e.ActorRole).HasMaxLength(32);
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.DepartmentCode).HasMaxLength(32);
        builder.Property(e => e.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.Text).HasMaxLength(TriageRoom.MaxTextLength);
        builder.Property(e => e.EvidenceUrl).HasMaxLength(512);
        builder.HasIndex("RoomId", nameof(RoomStep.Sequence)).IsUnique();
    }
}

internal sealed class PrecedentConfiguration : IEntityTypeConfiguration<Precedent>
{
    public void Configure(EntityTypeBuilder<Precedent> builder)
    {
        builder.ToTable("triage_precedents");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.ItemCode).HasMaxLength(16);
        builder.Property(e => e.PlaceKey).HasMaxLength(48);
        builder.Property(e => e.DepartmentCode).HasMaxLength(32);
        builder.Property(e => e.Tier).HasConversion<string>().HasMaxLength(16);
        builder.Property(e => e.RoomId).HasMaxLength(64);
        builder.Property(e => e.IncidentNumber).HasMaxLength(32);
        builder.Property(e => e.RuledByName).HasMaxLength(128);
        builder.Property(e => e.Reason).HasMaxLength(TriageRoom.MaxTextLength);
        builder.HasIndex(e => new { e.ItemCode, e.PlaceKey });
    }
}

internal sealed class RoomGuestLinkConfiguration : IEntityTypeConfiguration<RoomGuestLink>
{
    public void Configure(EntityTypeBuilder<RoomGuestLink> builder)
    {
        builder.ToTable("triage_guest_links");
        builder.HasKey(e => e.Id);
        builder.Property(e => e.Id).ValueGeneratedOnAdd();
        builder.Property(e => e.RoomId).HasMaxLength(64);
        builder.Property(e => e.TokenHash).HasMaxLength(64);
        builder.Property(e => e.Label).HasMaxLength(64);
        builder.Property(e => e.IssuedByName).HasMaxLength(128);
        builder.HasIndex(e => e.TokenHash).IsUnique();
        builder.HasIndex(e => e.RoomId);
    }
}
