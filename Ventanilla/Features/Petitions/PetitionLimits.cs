using Ventanilla.Features.Reception;

namespace Ventanilla.Features.Petitions;

/// <summary>
/// The longest each field of a petition may be, in characters: the same for the registration form, the service that
/// checks it and the legacy import, so a file cannot bring in what a person could not type.
/// </summary>
public static class PetitionLimits
{
    public const int Folio = 30;
    public const int OficialiaFolio = 40;
    public const int Petitioner = VisitorRules.MaxNameLength;
    public const int AccountNumber = VisitorRules.MaxAccountLength;
    public const int CadastralKey = 40;
    public const int Phone = 30;
    public const int Address = CustomerService.MaxAddressLength;
    public const int TypeName = CatalogService.MaxNameLength;
    public const int AreaName = CatalogService.MaxNameLength;
    public const int Subject = 4000;
    public const int DocumentsReceived = 1000;
    public const int Notes = 4000;
}
