using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Ventanilla.Data;

/// <summary>Writes <see cref="DateTime"/> as UTC and marks what is read back as UTC.</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
