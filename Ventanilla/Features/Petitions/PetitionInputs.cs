namespace Ventanilla.Features.Petitions;

/// <summary>
/// What staff type when registering a petition. For a third party, <paramref name="OwnershipRequirementDeliveredOn"/> says
/// the written requirement to prove ownership was handed over at registration (steps 04/06): the petition then starts
/// waiting for the proof in the same step, its term counting from that date. <paramref name="Email"/>, when given, is where
/// the petitioner is told of the petition's progress (see <see cref="Citizen.CitizenNotices"/>); with
/// <paramref name="AcceptsElectronicDelivery"/> the petitioner accepted electronic notification: the signed response is
/// downloaded from /consulta, the first download being the acuse.
/// </summary>
public sealed record PetitionInput(
    int PetitionTypeId, string? Subject, string? PetitionerName, bool IsThirdParty = false,
    string? AccountNumber = null, string? CadastralKey = null, string? Phone = null, string? Address = null,
    string? DocumentsReceived = null, string? Notes = null, int? CustomerId = null, DateOnly? OwnershipRequirementDeliveredOn = null,
    string? Email = null, bool AcceptsElectronicDelivery = false);

/// <summary>
/// A written petition (por oficio) as the Oficialía de Partes registers it: its own folio, the reception time, and the
/// office that received it (null: the registrar's own, when they work in one office, else the main office).
/// </summary>
public sealed record WrittenPetitionInput(PetitionInput Petition, string? OficialiaFolio, DateTime ReceivedLocal, int? OfficeId = null);

/// <summary>What a petition's page and lists need to know after a change.</summary>
public sealed record PetitionRef(int Id, string Folio, PetitionStatus Status, DateOnly DueDate, long Version);
