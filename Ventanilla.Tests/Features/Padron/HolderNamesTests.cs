using Ventanilla.Features.Padron;

namespace Ventanilla.Tests.Features.Padron;

/// <summary>Owner or third party by name, on names as the padrón and the desk write them.</summary>
public class HolderNamesTests
{
    [Theory]
    [InlineData("María de la Luz López García", "LOPEZ GARCIA MARIA DE LA LUZ", HolderMatch.Titular)]
    [InlineData("Jose Perez", "PÉREZ HERNÁNDEZ JOSÉ", HolderMatch.Titular)]
    [InlineData("J. Pérez Hernández", "PEREZ HERNANDEZ JOSE", HolderMatch.Titular)]
    [InlineData("Ma. Guadalupe Cruz Flores", "CRUZ FLORES MARIA GUADALUPE", HolderMatch.Titular)]
    [InlineData("Francisco de la Cruz", "DE LA CRUZ RAMOS FCO", HolderMatch.Titular)]
    [InlineData("Verónica Núñez", "NUNEZ VERONICA", HolderMatch.Titular)]
    [InlineData("Pedro Ramírez", "RAMIREZ PEDRO ANTONIO", HolderMatch.Titular)]
    [InlineData("Pedro Antonio Ramírez Díaz", "RAMIREZ PEDRO", HolderMatch.Titular)]
    [InlineData("Rosa Pérez", "PEREZ HERNANDEZ JOSE", HolderMatch.Parcial)]
    [InlineData("Miguel Ángel Torres", "TORRES REYES MIGUEL", HolderMatch.Parcial)]
    [InlineData("Ana Ruiz", "GOMEZ TORRES LUIS", HolderMatch.Tercero)]
    [InlineData("J. R.", "RAMIREZ JUAN", HolderMatch.Tercero)]
    [InlineData("", "RAMIREZ JUAN", HolderMatch.Tercero)]
    [InlineData("Inmobiliaria del Valle S.A. de C.V.", "INMOBILIARIA DEL VALLE SA DE CV", HolderMatch.Titular)]
    public void Names_are_compared_ignoring_accents_order_particles_and_initials(string petitioner, string holder, HolderMatch expected)
        => Assert.Equal(expected, HolderNames.Compare(petitioner, holder));
}
