using System.Security.Cryptography;

namespace Ventanilla.Features.Shared;

/// <summary>Copies a stream while hashing it (SHA-256, lower-case hex), in 64 KB steps: backups and restores of any size in flat memory.</summary>
public static class HashingCopy
{
    /// <summary>Copies all of <paramref name="source"/>, or stops after <paramref name="limit"/> bytes (the count then says so).</summary>
    public static async Task<(string Sha256, long Bytes)> CopyAsync(Stream source, Stream target, CancellationToken ct, long limit = long.MaxValue)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1 << 16];
        long total = 0;
        int read;
        while (total < limit && (read = await source.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, limit - total)), ct)) > 0)
        {
            hash.AppendData(buffer, 0, read);
            await target.WriteAsync(buffer.AsMemory(0, read), ct);
            total += read;
        }
        return (Convert.ToHexStringLower(hash.GetHashAndReset()), total);
    }
}
