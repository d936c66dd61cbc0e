using Microsoft.AspNetCore.Identity;

namespace Ventanilla.Features.Accounts;

/// <summary>Identity's validation messages in the office's language.</summary>
public sealed class SpanishIdentityErrorDescriber : IdentityErrorDescriber
{
    private static IdentityError E(string code, string description) => new() { Code = code, Description = description };

    public override IdentityError DefaultError() => E(nameof(DefaultError), "Ocurrió un error desconocido.");
    public override IdentityError ConcurrencyFailure() => E(nameof(ConcurrencyFailure), "Otra persona modificó este usuario al mismo tiempo; vuelva a intentarlo.");
    public override IdentityError PasswordMismatch() => E(nameof(PasswordMismatch), "La contraseña actual no es correcta.");
    public override IdentityError InvalidToken() => E(nameof(InvalidToken), "El código no es válido.");
    public override IdentityError InvalidUserName(string? userName) => E(nameof(InvalidUserName), $"El nombre de usuario '{userName}' no es válido: use solo letras sin acentos, números y . _ - @ +");
    public override IdentityError InvalidEmail(string? email) => E(nameof(InvalidEmail), $"El correo '{email}' no es válido.");
    public override IdentityError DuplicateUserName(string userName) => E(nameof(DuplicateUserName), $"Ya existe un usuario con el nombre '{userName}'.");
    public override IdentityError DuplicateEmail(string email) => E(nameof(DuplicateEmail), $"Ya existe un usuario con el correo '{email}'.");
    public override IdentityError InvalidRoleName(string? role) => E(nameof(InvalidRoleName), $"El rol '{role}' no es válido.");
    public override IdentityError DuplicateRoleName(string role) => E(nameof(DuplicateRoleName), $"El rol '{role}' ya existe.");
    public override IdentityError UserAlreadyHasPassword() => E(nameof(UserAlreadyHasPassword), "El usuario ya tiene contraseña.");
    public override IdentityError UserLockoutNotEnabled() => E(nameof(UserLockoutNotEnabled), "El bloqueo no está habilitado para este usuario.");
    public override IdentityError UserAlreadyInRole(string role) => E(nameof(UserAlreadyInRole), $"El usuario ya tiene el rol '{Roles.DisplayName(role)}'.");
    public override IdentityError UserNotInRole(string role) => E(nameof(UserNotInRole), $"El usuario no tiene el rol '{Roles.DisplayName(role)}'.");
    public override IdentityError PasswordTooShort(int length) => E(nameof(PasswordTooShort), $"La contraseña debe tener al menos {length} caracteres.");
    public override IdentityError PasswordRequiresUniqueChars(int uniqueChars) => E(nameof(PasswordRequiresUniqueChars), $"La contraseña debe tener al menos {uniqueChars} caracteres distintos.");
    public override IdentityError PasswordRequiresNonAlphanumeric() => E(nameof(PasswordRequiresNonAlphanumeric), "La contraseña debe tener al menos un símbolo.");
    public override IdentityError PasswordRequiresDigit() => E(nameof(PasswordRequiresDigit), "La contraseña debe tener al menos un número.");
    public override IdentityError PasswordRequiresLower() => E(nameof(PasswordRequiresLower), "La contraseña debe tener al menos una minúscula.");
    public override IdentityError PasswordRequiresUpper() => E(nameof(PasswordRequiresUpper), "La contraseña debe tener al menos una mayúscula.");
    public override IdentityError RecoveryCodeRedemptionFailed() => E(nameof(RecoveryCodeRedemptionFailed), "El código de recuperación no es válido.");
}
