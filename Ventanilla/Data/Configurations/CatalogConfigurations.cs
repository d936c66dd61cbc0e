using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> b)
    {
        b.Property(x => x.Name).HasMaxLength(120);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class PetitionTypeConfiguration : IEntityTypeConfiguration<PetitionType>
{
    public void Configure(EntityTypeBuilder<PetitionType> b)
    {
        b.Property(x => x.Name).HasMaxLength(120);
        b.Property(x => x.OnlineRequirements).HasMaxLength(2000);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class ArchiveSeriesConfiguration : IEntityTypeConfiguration<ArchiveSeries>
{
    public void Configure(EntityTypeBuilder<ArchiveSeries> b)
    {
        b.Property(x => x.Code).HasMaxLength(30);
        b.Property(x => x.Name).HasMaxLength(200);
        b.HasIndex(x => x.Code).IsUnique();
    }
}

internal sealed class ServiceCategoryConfiguration : IEntityTypeConfiguration<ServiceCategory>
{
    public void Configure(EntityTypeBuilder<ServiceCategory> b)
    {
        b.Property(x => x.Letter).HasMaxLength(2);
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Color).HasMaxLength(20);
        // A letter is unique within its office: every office may have its line A.
        b.HasIndex(x => new { x.OfficeId, x.Letter }).IsUnique();
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        // Rows written without an office (the legacy import, raw inserts) are the main office's.
        b.Property(x => x.OfficeId).HasDefaultValue(Office.MainId);
    }
}

internal sealed class DeskConfiguration : IEntityTypeConfiguration<Desk>
{
    public void Configure(EntityTypeBuilder<Desk> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.HasIndex(x => new { x.OfficeId, x.Number }).IsUnique();
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
        // Rows written without an office (the legacy import, raw inserts) are the main office's.
        b.Property(x => x.OfficeId).HasDefaultValue(Office.MainId);
    }
}

internal sealed class OfficeConfiguration : IEntityTypeConfiguration<Office>
{
    public void Configure(EntityTypeBuilder<Office> b)
    {
        b.Property(x => x.Name).HasMaxLength(120);
        b.HasIndex(x => x.Name).IsUnique();
    }
}

internal sealed class UserOfficeConfiguration : IEntityTypeConfiguration<UserOffice>
{
    public void Configure(EntityTypeBuilder<UserOffice> b)
    {
        b.HasKey(x => new { x.UserId, x.OfficeId });
        b.HasOne(x => x.User).WithMany(u => u.Offices).HasForeignKey(x => x.UserId);
        b.HasOne(x => x.Office).WithMany().HasForeignKey(x => x.OfficeId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DeskCategoryConfiguration : IEntityTypeConfiguration<DeskCategory>
{
    public void Configure(EntityTypeBuilder<DeskCategory> b) => b.HasKey(x => new { x.DeskId, x.ServiceCategoryId });
}

internal sealed class UserSessionConfiguration : IEntityTypeConfiguration<UserSession>
{
    public void Configure(EntityTypeBuilder<UserSession> b)
    {
        b.Property(x => x.Id).HasMaxLength(64);
        b.HasOne<ApplicationUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.UserId);
        b.HasIndex(x => x.LastSeenUtc);
    }
}

internal sealed class UserAreaConfiguration : IEntityTypeConfiguration<UserArea>
{
    public void Configure(EntityTypeBuilder<UserArea> b)
    {
        b.HasKey(x => new { x.UserId, x.AreaId });
        b.HasOne(x => x.User).WithMany(u => u.Areas).HasForeignKey(x => x.UserId);
    }
}

internal sealed class ApplicationUserConfiguration : IEntityTypeConfiguration<ApplicationUser>
{
    public void Configure(EntityTypeBuilder<ApplicationUser> b)
    {
        b.Property(x => x.FullName).HasMaxLength(200);
        b.Property(x => x.DirectoryDn).HasMaxLength(500);
    }
}

internal sealed class NonWorkingDayConfiguration : IEntityTypeConfiguration<NonWorkingDay>
{
    public void Configure(EntityTypeBuilder<NonWorkingDay> b)
    {
        b.Property(x => x.Description).HasMaxLength(200);
        b.HasIndex(x => x.StartDate);
    }
}

internal sealed class AppSettingsConfiguration : IEntityTypeConfiguration<AppSettings>
{
    public void Configure(EntityTypeBuilder<AppSettings> b)
    {
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.DatabaseId).HasMaxLength(32);
        b.Property(x => x.FolioPrefix).HasMaxLength(10);
        b.Property(x => x.TimeZoneId).HasMaxLength(64);
        b.Property(x => x.PrivacyNotice).HasMaxLength(4000);
        b.Property(x => x.PrivacyNoticeFull).HasMaxLength(20000);
        b.Property(x => x.PublicBaseUrl).HasMaxLength(200);
        b.Property(x => x.SmtpHost).HasMaxLength(200);
        b.Property(x => x.SmtpUserName).HasMaxLength(200);
        b.Property(x => x.SmtpPasswordProtected).HasMaxLength(2000);
        b.Property(x => x.SmtpFrom).HasMaxLength(200);
    }
}
