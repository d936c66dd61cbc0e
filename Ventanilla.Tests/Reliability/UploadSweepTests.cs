using Ventanilla.Features.Import;

namespace Ventanilla.Tests.Reliability;

/// <summary>Uploaded files never pile up: a copy that fails is removed, and what a crash left is swept at start-up.</summary>
public class UploadSweepTests : AppServiceTest
{
    /// <summary>An upload that breaks after some bytes (the connection dropped, the size limit passed).</summary>
    private sealed class Breaking : MemoryStream
    {
        public Breaking() : base(new byte[256 * 1024]) { }

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
            => Position > 64 * 1024 ? throw new IOException("Se cortó la conexión.") : base.ReadAsync(buffer, cancellationToken);
    }

    [Fact]
    public async Task A_copy_that_fails_halfway_leaves_no_file()
    {
        var uploads = App.Get<ImportUploads>();

        await Assert.ThrowsAsync<IOException>(() => uploads.StoreAsync(_ => new Breaking(), 256 * 1024, "grande.csv"));

        Assert.Empty(Directory.EnumerateFiles(uploads.UploadFolder));
    }

    [Fact]
    public async Task Uploads_left_by_a_crash_are_swept_when_the_server_starts()
    {
        var uploads = App.Get<ImportUploads>();
        var left = await uploads.StoreAsync(_ => new MemoryStream(new byte[22 * 1024 * 1024]), 22 * 1024 * 1024, "control.csv");
        Assert.True(File.Exists(left));

        var startup = App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<DatabaseStartupService>().Single();
        await startup.StartAsync(CancellationToken.None);

        Assert.False(File.Exists(left));
        Assert.StartsWith(App.Folder, uploads.UploadFolder);
    }
}
