using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(x => x.Name).HasMaxLength(80);
        b.Property(x => x.Prefix).HasMaxLength(16);
        b.Property(x => x.SecretHash).HasMaxLength(64);
        b.Property(x => x.Scopes).HasMaxLength(400);
        b.Property(x => x.CreatedBy).HasMaxLength(200);
        b.Property(x => x.RevokedBy).HasMaxLength(200);
        b.HasIndex(x => x.Prefix).IsUnique();
        b.HasOne(x => x.User).WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}
