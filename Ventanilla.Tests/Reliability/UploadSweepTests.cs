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

    /// <summary>A temporary name as a process that has ended wrote it (a crash of this machine's earlier server).</summary>
    private static string NameOfAnEndedProcess(string prefix, string extension)
    {
        using var ended = System.Diagnostics.Process.Start("true")!;
        ended.WaitForExit();
        return $"{prefix}_{Environment.MachineName}+{ended.Id}+{DateTime.UtcNow.Ticks}_{Guid.NewGuid():N}{extension}";
    }

    private Task StartAnotherInstanceAsync()
        => App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<Ventanilla.Features.Server.DatabaseStartupService>().Single().StartAsync(CancellationToken.None);

    [Fact]
    public async Task Uploads_left_by_a_crash_are_swept_when_the_server_starts()
    {
        var uploads = App.Get<ImportUploads>();
        Directory.CreateDirectory(uploads.UploadFolder);
        var left = Path.Combine(uploads.UploadFolder, NameOfAnEndedProcess("importacion", ".csv"));
        await File.WriteAllBytesAsync(left, new byte[1024]);

        await StartAnotherInstanceAsync();

        Assert.False(File.Exists(left));
        Assert.StartsWith(App.Folder, uploads.UploadFolder);
    }

    [Fact]
    public async Task Another_instance_starting_keeps_an_upload_reviewed_here_and_it_still_imports()
    {
        var uploads = App.Get<ImportUploads>();
        var original = Path.Combine(App.Folder, "control.csv");
        var size = LegacyFiles.Write(original, rows: 3);
        var reviewed = await uploads.StoreAsync(_ => File.OpenRead(original), size, "control.csv");

        await StartAnotherInstanceAsync();

        Assert.True(File.Exists(reviewed));
        var report = await App.Get<LegacyImport>().RunAsync(() => ImportUploads.Open(reviewed, "control.csv"), "control.csv", new ImportOptions());
        Assert.True(report.Written);
        Assert.Equal(3, report.ToAdd);
    }

    [Fact]
    public async Task A_reviewed_upload_untouched_for_a_working_day_goes_and_the_import_says_so_in_Spanish()
    {
        var uploads = App.Get<ImportUploads>();
        var stale = await uploads.StoreAsync(_ => new MemoryStream([1, 2, 3]), 3, "control.csv");
        File.SetLastWriteTimeUtc(stale, App.Time.GetUtcNow().UtcDateTime - TemporaryFiles.SafeAge - TimeSpan.FromMinutes(1));

        await StartAnotherInstanceAsync();

        Assert.False(File.Exists(stale));
        var gone = Assert.Throws<RuleException>(() => ImportUploads.Open(stale, "control.csv"));
        Assert.Equal("El archivo control.csv ya no está en el servidor (lo subido se borra tras 12 horas sin importarse). Elíjalo de nuevo.", gone.Message);
    }

    [Fact]
    public async Task Another_instance_starting_does_not_cut_a_document_upload_in_progress()
    {
        var store = App.Get<Ventanilla.Features.Expediente.AttachmentStore>();
        Directory.CreateDirectory(Path.Combine(store.Root, "tmp"));
        var crashed = Path.Combine(store.Root, "tmp", NameOfAnEndedProcess("subida", ".parcial"));
        await File.WriteAllBytesAsync(crashed, new byte[10]);
        var pdf = TestDocuments.Pdf(2);
        var pipe = new System.IO.Pipelines.Pipe();
        await pipe.Writer.WriteAsync(pdf.AsMemory(0, 100));
        var receiving = store.ReceiveAsync(pipe.Reader.AsStream(), 1 << 20, "escrito.pdf", CancellationToken.None);
        // The upload's temporary file exists (its first bytes read) before the other instance starts.
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (Directory.EnumerateFiles(Path.Combine(store.Root, "tmp")).All(f => f == crashed) && DateTime.UtcNow < deadline) await Task.Delay(10);

        await StartAnotherInstanceAsync();
        await pipe.Writer.WriteAsync(pdf.AsMemory(100));
        await pipe.Writer.CompleteAsync();
        var received = await receiving;
        store.Keep(received);

        Assert.True(store.Exists(received.Sha256));
        Assert.False(File.Exists(crashed));
    }
}
