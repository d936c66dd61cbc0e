using System.Text;
using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Features.Accounts;

/// <summary>
/// Refuses passwords that meet the letter of the policy (8 characters, upper and lower case, a digit) but are the first
/// ones anyone guesses: «Password1», «Contraseña2026», «Qwerty123», «Ventanilla1», «P@ssw0rd!», or the user's own name
/// with a number. The password is folded (no accents, lower case, common letter-for-digit swaps undone, the digits and
/// symbols at its ends dropped) and compared with a list of the most used passwords and words in Spanish and English.
/// </summary>
public sealed class CommonPasswordValidator : IPasswordValidator<ApplicationUser>
{
    private static readonly HashSet<string> Common =
    [
        "password", "passw", "pass", "passwd", "contrasena", "contrasenia", "clave", "secreto", "acceso", "admin", "administrador", "root",
        "qwerty", "qwertyuiop", "asdf", "asdfgh", "asdfghjkl", "zxcvbnm", "abc", "abcd", "abcde", "abcdef", "abc123", "qwe", "azerty",
        "letmein", "welcome", "bienvenido", "bienvenida", "hola", "holamundo", "hello", "iloveyou", "teamo", "tequiero", "amor", "amorcito",
        "monkey", "dragon", "master", "shadow", "sunshine", "princess", "princesa", "football", "futbol", "baseball", "soccer", "superman",
        "batman", "starwars", "pokemon", "computer", "computadora", "internet", "default", "changeme", "cambiame", "cambiar", "temporal",
        "nuevo", "nueva", "prueba", "pruebas", "test", "testing", "demo", "usuario", "user", "invitado", "guest", "soporte", "sistemas",
        "ventanilla", "agua", "aguapotable", "organismo", "atencion", "atencionausuarios", "municipio", "ayuntamiento", "gobierno",
        "mexico", "estadodemexico", "edomex", "toluca", "chivas", "america", "pumas", "cruzazul", "tigres", "rayados", "familia", "bebe",
        "estrella", "corazon", "angel", "mariposa", "carino", "guadalupe", "jesus", "dios", "diosesamor", "maria", "jose", "juan", "luis",
        "carlos", "alejandro", "daniel", "fernando", "mariana", "fernanda", "andrea", "sofia", "valeria", "ximena", "lupita", "mama", "papa",
        "hijo", "hija", "mexico1", "primavera", "verano", "invierno", "otono", "enero", "febrero", "marzo", "abril", "mayo", "junio", "julio",
        "agosto", "septiembre", "octubre", "noviembre", "diciembre", "lunes", "martes", "viernes", "sabado", "domingo", "summer", "winter",
        "spring", "autumn", "january", "december", "trustno", "whatever", "freedom", "libertad", "secret", "login", "inicio", "oficina",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<ApplicationUser> manager, ApplicationUser user, string? password)
    {
        var reason = Reason(password ?? "", user);
        return Task.FromResult(reason is null
            ? IdentityResult.Success
            : IdentityResult.Failed(new IdentityError
            {
                Code = "PasswordTooCommon",
                Description = $"se adivina con facilidad: {reason}. Elija otra que no parta de una palabra común ni de su nombre.",
            }));
    }

    /// <summary>Which part makes the password guessable, said to whoever chose it (so they know what to change), or null.</summary>
    private static string? Reason(string password, ApplicationUser user)
    {
        var core = Core(password);
        var name = new[] { user.UserName, user.FullName }.Where(n => !string.IsNullOrWhiteSpace(n)).SelectMany(n => n!.Split(' ', '.', '_', '-'))
            .Where(n => Core(n).Length >= 3).FirstOrDefault(n => core.Contains(Core(n)) || Core(n).Contains(core));
        if (core.Length < 4) return core.Length == 0 ? "no tiene letras, solo números y signos" : $"sus letras («{core}») son muy pocas; el resto son números y signos";
        if (name is not null) return $"contiene su nombre («{name}»)";
        if (Common.Contains(core)) return $"«{core}» es de las palabras más usadas en contraseñas (los números, signos y letras cambiadas por números no cuentan)";
        if (IsRun(core)) return $"«{core}» es una letra repetida o una serie del alfabeto";
        return null;
    }

    /// <summary>The guessable part: folded, swaps undone, the digits and symbols around it dropped.</summary>
    private static string Core(string text)
    {
        var folded = TextFold.Fold(text).ToLowerInvariant();
        var undone = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            undone.Append(c switch { '@' or '4' => 'a', '3' => 'e', '1' or '!' => 'i', '0' => 'o', '5' or '$' => 's', '7' => 't', _ => c });
        }
        // Swaps only count inside the word: "Password1" is "password" + "1", not "passwordi".
        var start = 0;
        while (start < folded.Length && !char.IsLetter(folded[start])) start++;
        var end = folded.Length;
        while (end > start && !char.IsLetter(folded[end - 1])) end--;
        return new string([.. undone.ToString(start, end - start).Where(char.IsLetter)]);
    }

    /// <summary>One letter repeated, or a run along the alphabet ("abcdefg").</summary>
    private static bool IsRun(string core)
        => core.Distinct().Count() <= 2 || core.Zip(core.Skip(1)).All(p => p.Second - p.First == 1);
}
