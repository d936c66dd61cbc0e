using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Ventanilla.Data.Configurations;

internal sealed class CustomerAccountConfiguration : IEntityTypeConfiguration<CustomerAccount>
{
    public void Configure(EntityTypeBuilder<CustomerAccount> b)
    {
        b.Property(x => x.AccountNumber).HasMaxLength(30);
        b.Property(x => x.HolderName).HasMaxLength(200);
        b.Property(x => x.SearchName).HasMaxLength(200);
        b.Property(x => x.ServiceAddress).HasMaxLength(300);
        b.Property(x => x.Colony).HasMaxLength(120);
        b.Property(x => x.PostalCode).HasMaxLength(10);
        b.Property(x => x.SearchAddress).HasMaxLength(450);
        b.Property(x => x.CadastralKey).HasMaxLength(40);
        b.Property(x => x.ServiceType).HasMaxLength(60);
        b.Property(x => x.HolderPhone).HasMaxLength(30);
        // The account in force is found by its number among the rows not yet superseded; the import's own rows by import.
        b.HasIndex(x => new { x.AccountNumber, x.ValidToImport });
        b.HasIndex(x => new { x.CadastralKey, x.ValidToImport });
        // Searching by part of a name or an address walks these in order and stops at the first matches in force: the
        // import columns are in the index so a candidate is judged without reading its row.
        b.HasIndex(x => new { x.SearchName, x.ValidFromImport, x.ValidToImport });
        b.HasIndex(x => new { x.SearchAddress, x.ValidFromImport, x.ValidToImport });
        b.HasIndex(x => x.ValidFromImport);
        b.HasIndex(x => x.ValidToImport);
    }
}

internal sealed class PadronImportConfiguration : IEntityTypeConfiguration<PadronImport>
{
    public void Configure(EntityTypeBuilder<PadronImport> b)
    {
        b.Property(x => x.FileName).HasMaxLength(260);
        b.Property(x => x.FileHash).HasMaxLength(64);
        b.Property(x => x.By).HasMaxLength(200);
        b.Property(x => x.Error).HasMaxLength(4000);
        b.Property(x => x.Owner).HasMaxLength(200);
    }
}
