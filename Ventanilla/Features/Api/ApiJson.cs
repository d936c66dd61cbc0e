using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ventanilla.Features.Api;

/// <summary>
/// The API's request bodies, read strictly: JSON only, at most <see cref="MaxBodyBytes"/>, no field the contract does
/// not have, every type as documented. Each refusal is a problem naming the field (its JSON path) in Spanish, before
/// any service runs, so nothing is written.
/// </summary>
public static class ApiJson
{
    public const int MaxBodyBytes = 64 * 1024;

    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        Converters = { new JsonStringEnumConverter() },
    };

    public static async Task<T> ReadAsync<T>(HttpContext http) where T : class
    {
        if (!http.Request.HasJsonContentType())
        {
            throw new RuleException("El cuerpo debe ser JSON (Content-Type: application/json).", RuleKind.Malformed);
        }
        if (http.Request.ContentLength > MaxBodyBytes) throw TooLarge();
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(chunk, http.RequestAborted)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        try
        {
            return JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options)
                ?? throw new RuleException("El cuerpo está vacío: envíe un objeto JSON.", RuleKind.Malformed);
        }
        catch (JsonException ex)
        {
            throw new RuleException(Explain(ex), RuleKind.Malformed);
        }
    }

    private static RuleException TooLarge() => new($"El cuerpo pasa de {MaxBodyBytes / 1024} KB.", RuleKind.TooLarge);

    /// <summary>What the serializer found, in Spanish, with the field's path («$.nombre»).</summary>
    private static string Explain(JsonException ex)
    {
        var where = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "" : $" en «{ex.Path}»";
        if (ex.Message.Contains("could not be mapped to any .NET member", StringComparison.Ordinal))
        {
            var field = ex.Message.Split('\'') is { Length: > 2 } parts ? parts[1] : ex.Path;
            return $"El campo «{field}» no existe en este recurso; revise el documento OpenAPI.";
        }
        if (ex.Message.Contains("could not be converted", StringComparison.Ordinal)) return $"Tipo de dato equivocado{where}.";
        if (ex.Message.Contains("missing required properties", StringComparison.Ordinal)) return $"Faltan campos obligatorios: {ex.Message.Split(':').Last().Trim()}";
        return $"El JSON está mal formado{where} (línea {ex.LineNumber + 1}).";
    }
}
