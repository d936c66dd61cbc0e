namespace Ventanilla.Tests.TestInfrastructure;

/// <summary>The streamed registers caught in memory, for tests that read the whole file.</summary>
public static class Exports
{
    public static async Task<(byte[] Bytes, int Count)> ToBytesAsync(this PetitionExport export, PetitionFilter filter)
    {
        using var stream = new MemoryStream();
        var count = await export.WriteAsync(stream, filter);
        return (stream.ToArray(), count);
    }

    /// <summary>A CSV the app wrote (UTF-8 with BOM, CRLF) as its lines, header first.</summary>
    public static string[] CsvLines(byte[] csv)
        => System.Text.Encoding.UTF8.GetString(csv).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

    public static async Task<byte[]> ToBytesAsync(this VisitRegisterService register, VisitFilter filter)
    {
        using var stream = new MemoryStream();
        await register.WriteAsync(stream, filter);
        return stream.ToArray();
    }
}
