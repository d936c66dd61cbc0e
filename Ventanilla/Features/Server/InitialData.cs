using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Features.Server;

/// <summary>
/// The catalogs a new office starts with. Each one is written only while its table is empty, so the
/// administrator's later edits are never overwritten.
/// </summary>
public static class InitialData
{
    public static async Task SeedAsync(AppDbContext db, RoleManager<IdentityRole> roleManager, TimeProvider time)
    {
        foreach (var role in Roles.All)
        {
            if (!await roleManager.RoleExistsAsync(role.Key))
            {
                await roleManager.CreateAsync(new IdentityRole(role.Key));
            }
        }

        if (await db.Settings.SingleOrDefaultAsync() is not { } settings)
        {
            db.Settings.Add(settings = new AppSettings());
        }
        // A database made before it had an identity gets one at its next start.
        settings.DatabaseId ??= Guid.NewGuid().ToString("N");
        Privacy.PrivacyNotices.Normalize(settings);

        if (!await db.Areas.AnyAsync())
        {
            (string Name, AreaKind Kind)[] areas =
            [
                ("Gerencia de Atención a Usuarios", AreaKind.AtencionUsuarios),
                ("Dirección Comercial", AreaKind.DireccionComercial),
                ("Oficialía de Partes", AreaKind.OficialiaPartes),
                ("Operación", AreaKind.General),
                ("Facturación y Cobranza", AreaKind.General),
                ("Padrón de Usuarios", AreaKind.General),
                ("Jurídico", AreaKind.General),
            ];
            db.Areas.AddRange(areas.Select((a, i) => new Area { Name = a.Name, Kind = a.Kind, SortOrder = i + 1 }));
        }

        if (!await db.PetitionTypes.AnyAsync())
        {
            string[] types =
            [
                "Aclaración de facturación", "Ajuste de consumo", "Falta de agua", "Fuga de agua",
                "Revisión o cambio de medidor", "Reconexión", "Cambio de propietario", "Corrección al padrón",
                "Drenaje y alcantarillado", "Factibilidad de servicios", "Descuento por programa", "Otro",
            ];
            db.PetitionTypes.AddRange(types.Select((t, i) => new PetitionType { Name = t, SortOrder = i + 1 }));
        }

        if (!await db.ServiceCategories.AnyAsync())
        {
            ServiceCategory[] categories =
            [
                new() { Letter = "A", Name = "Pagos y liquidaciones", Color = "#1565c0", SortOrder = 1 },
                new() { Letter = "B", Name = "Aclaraciones y facturación", Color = "#2e7d32", SortOrder = 2 },
                new() { Letter = "C", Name = "Contratos y cambio de propietario", Color = "#6a1b9a", SortOrder = 3 },
                new() { Letter = "D", Name = "Reportes: fugas y falta de agua", Color = "#c62828", SortOrder = 4 },
                new() { Letter = "E", Name = "Información general", Color = "#00695c", SortOrder = 5 },
            ];
            db.ServiceCategories.AddRange(categories);
            await db.SaveChangesAsync();

            if (!await db.Desks.AnyAsync())
            {
                for (var n = 1; n <= 3; n++)
                {
                    db.Desks.Add(new Desk
                    {
                        Number = n,
                        Name = $"Módulo {n}",
                        Categories = categories.Select(c => new DeskCategory { ServiceCategoryId = c.Id }).ToList(),
                    });
                }
            }
        }

        await db.SaveChangesAsync();
        await Privacy.PrivacyNotices.RecordInForceAsync(db, settings, time.GetUtcNow().UtcDateTime);
        await Privacy.Arco.ArcoRequests.SeedTypesAsync(db);
        await Archive.ArchiveCatalog.SeedAsync(db);
    }
}
