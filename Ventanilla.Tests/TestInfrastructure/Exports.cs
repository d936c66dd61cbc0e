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

    public static async Task<byte[]> ToBytesAsync(this VisitRegisterService register, VisitFilter filter)
    {
        using var stream = new MemoryStream();
        await register.WriteAsync(stream, filter);
        return stream.ToArray();
    }
}
