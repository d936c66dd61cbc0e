using Ventanilla.Data;

namespace Ventanilla.Features.Petitions;

/// <summary>What staff type when registering a petition (presencial, from a served visit).</summary>
public sealed record PetitionInput(
    int PetitionTypeId, string? Subject, string? PetitionerName, bool IsThirdParty = false,
    string? AccountNumber = null, string? CadastralKey = null, string? Phone = null, string? Address = null,
    string? DocumentsReceived = null, string? Notes = null, int? CustomerId = null);

/// <summary>A written petition (por oficio) as the Oficialía de Partes registers it: its own folio and the reception time.</summary>
public sealed record WrittenPetitionInput(PetitionInput Petition, string? OficialiaFolio, DateTime ReceivedLocal);

/// <summary>What a petition's page and lists need to know after a change.</summary>
public sealed record PetitionRef(int Id, string Folio, PetitionStatus Status, DateOnly DueDate, long Version);
