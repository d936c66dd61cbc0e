namespace Ventanilla.Features.Petitions;

/// <summary>How each channel a petition arrives by is named on screen, in exports and in the legacy import.</summary>
public static class PetitionChannels
{
    public static string Label(PetitionChannel channel) => channel switch
    {
        PetitionChannel.Escrito => "Escrito",
        PetitionChannel.EnLinea => "En línea",
        _ => "Presencial",
    };

    /// <summary>
    /// Written and online petitions start in the Dirección Comercial's hands (step 02) until it forwards them to Atención a
    /// Usuarios; one registered at a desk is there already.
    /// </summary>
    public static bool StartsWithDirector(PetitionChannel channel) => channel != PetitionChannel.Presencial;
}
