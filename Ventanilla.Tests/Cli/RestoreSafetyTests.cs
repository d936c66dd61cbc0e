using Ventanilla.Features.Shared;
using Ventanilla.Features.Citizen;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Ventanilla.Tests.Cli;

/// <summary>
/// A restore refuses what it cannot put back whole, before anything in use moves: a database that is not one, a newer
/// version's, an entry that inflates past its manifest, a backup larger than the disk; and it tells what it restored.
/// </summary>
public class RestoreSafetyTests : CliTestBase
{
    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static string Sha(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));

    /// <summary>A backup ZIP as an editor would make it: <paramref name="database"/> as the database entry, and a manifest with consistent hashes.</summary>
    private static async Task<string> BackupOfAsync(string folder, byte[] database, BackupCounts? counts = null, long? declaredBytes = null, Stream? entry = null)
    {
        var file = Path.Combine(folder, $"respaldo-{Guid.NewGuid():N}.zip");
        using var zip = ZipFile.Open(file, ZipArchiveMode.Create);
        await using (var target = zip.CreateEntry(BackupManifest.DatabaseEntry, entry is null ? CompressionLevel.Fastest : CompressionLevel.SmallestSize).Open())
        {
            if (entry is null) await target.WriteAsync(database);
            else await entry.CopyToAsync(target);
        }
        var manifest = new BackupManifest(1, new DateTime(2026, 11, 20, 16, 0, 0, DateTimeKind.Utc),
            new BackupEntry(BackupManifest.DatabaseEntry, Sha(database), declaredBytes ?? database.Length), [], counts ?? new BackupCounts(0, 0, 0, 0));
        await using var json = zip.CreateEntry(BackupManifest.EntryName).Open();
        await JsonSerializer.SerializeAsync(json, manifest, BackupManifest.Json);
        return file;
    }

    private async Task<byte[]> ThisDatabaseAsync(string sql = "")
    {
        var copy = Path.Combine(Folder, $"copia-{Guid.NewGuid():N}.db");
        await using (var connection = new SqliteConnection($"Data Source={DatabasePath};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"VACUUM INTO '{copy}';";
            await command.ExecuteNonQueryAsync();
        }
        if (sql.Length > 0)
        {
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = sql;
            await command.ExecuteNonQueryAsync();
        }
        var bytes = await File.ReadAllBytesAsync(copy);
        File.Delete(copy);
        return bytes;
    }

    private void AssertOfficeUntouched(string before)
    {
        Assert.Equal(before, Sha(DatabasePath));
        Assert.Empty(Directory.GetDirectories(Folder, "restaurando-*"));
        Assert.Empty(Directory.GetDirectories(Folder, "antes-de-restaurar-*"));
    }

    [Fact]
    public async Task A_backup_whose_database_is_not_a_database_changes_nothing_and_the_app_still_starts()
    {
        var keep = TestApp.NewFolder();
        var file = await BackupOfAsync(keep, System.Text.Encoding.UTF8.GetBytes(new string('x', 8192)));
        var before = Sha(DatabasePath);

        var result = await RunAsync("restore", file);

        Assert.Equal(1, result.Code);
        Assert.StartsWith("Error: La base de datos del respaldo no se puede abrir como base SQLite (", result.Error.Trim());
        Assert.EndsWith("no se restauró nada.", result.Error.Trim());
        Assert.DoesNotContain("   at ", result.Error);
        AssertOfficeUntouched(before);
        await using var app = await TestApp.OpenAsync(Folder);
        await using var db = app.CreateDb();
        Assert.True(await db.Offices.AnyAsync());
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task A_damaged_database_or_one_that_is_not_Ventanillas_is_refused_before_anything_moves()
    {
        var keep = TestApp.NewFolder();
        var before = Sha(DatabasePath);
        var other = await ThisDatabaseAsync("""DROP TABLE "Petitions";""");

        var notOurs = await RunAsync("restore", await BackupOfAsync(keep, other));

        Assert.Equal("Error: La base de datos del respaldo no es de Ventanilla (le falta la tabla Petitions); no se restauró nada.", notOurs.Error.Trim());
        AssertOfficeUntouched(before);

        // A page in the middle of the file overwritten: SQLite's own check finds it.
        var damaged = await ThisDatabaseAsync();
        var pageSize = BitConverter.ToUInt16([damaged[17], damaged[16]]);
        Array.Fill(damaged, (byte)0x5A, pageSize * 3, pageSize);
        var broken = await RunAsync("restore", await BackupOfAsync(keep, damaged));

        Assert.Equal(1, broken.Code);
        Assert.Matches("^Error: La base de datos del respaldo (está dañada|no se puede abrir como base SQLite)", broken.Error.Trim());
        AssertOfficeUntouched(before);
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task A_backup_of_a_newer_version_is_refused()
    {
        var keep = TestApp.NewFolder();
        var before = Sha(DatabasePath);
        var newer = await ThisDatabaseAsync("""INSERT INTO "__EFMigrationsHistory" VALUES ('29991231000000_DeUnaVersionFutura', '11.0.0');""");

        var result = await RunAsync("restore", await BackupOfAsync(keep, newer));

        Assert.Equal("Error: El respaldo es de una versión de Ventanilla más nueva que esta (tiene la migración 29991231000000_DeUnaVersionFutura); " +
            "actualice Ventanilla antes de restaurarlo. No se restauró nada.", result.Error.Trim());
        AssertOfficeUntouched(before);
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task The_counts_printed_are_those_of_the_restored_database_not_of_an_edited_manifest()
    {
        var keep = TestApp.NewFolder();
        var file = await BackupOfAsync(keep, await ThisDatabaseAsync(), counts: new BackupCounts(99_999, 88_888, 7, 6));

        var result = await RunAsync("restore", file);

        Assert.Equal(0, result.Code);
        Assert.Equal("Restaurado el respaldo del 20/11/2026 10:00: 0 peticiones, 0 visitas, 0 usuarios y 0 documentos (0 bytes), cada archivo revisado " +
            "contra su huella SHA-256 y la base revisada por SQLite (los números son los de la base restaurada).", result.Lines[0]);
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task An_entry_that_inflates_past_its_manifest_stops_at_one_byte_more_and_a_backup_larger_than_the_disk_is_refused_first()
    {
        await using var disk = await SmallDisk.MountAsync(128);
        File.Copy(await TestApp.TemplateAsync(), Path.Combine(disk.Folder, "ventanilla.db"));
        var before = Sha(Path.Combine(disk.Folder, "ventanilla.db"));
        var keep = TestApp.NewFolder();
        var database = await ThisDatabaseAsync();
        // The real database followed by 512 MB of zeros: a ZIP of about half a megabyte.
        var bomb = new ConcatenatedStream(new MemoryStream(database), new ZeroStream(512L * 1024 * 1024));
        var file = await BackupOfAsync(keep, database, entry: bomb);
        Assert.True(new FileInfo(file).Length < 4 * 1024 * 1024, $"{new FileInfo(file).Length:N0} bytes");

        var inflated = await RunInAsync(disk.Folder, "restore", file);

        Assert.Equal(1, inflated.Code);
        Assert.Equal($"Error: {BackupManifest.DatabaseEntry} no coincide con el manifiesto del respaldo (está dañado o fue cambiado); no se restauró nada.", inflated.Error.Trim());
        Assert.Equal(before, Sha(Path.Combine(disk.Folder, "ventanilla.db")));
        Assert.Empty(Directory.GetDirectories(disk.Folder, "restaurando-*"));

        // A manifest that says the database takes a gigabyte: refused before a byte is written.
        var large = await RunInAsync(disk.Folder, "restore", await BackupOfAsync(keep, database, declaredBytes: 1024L * 1024 * 1024));

        Assert.Equal(1, large.Code);
        Assert.Matches($"^Error: No hay espacio para restaurar: el respaldo ocupa 1,024 MB desempacado \\(más 64 MB de margen\\) y en el disco de {disk.Folder} quedan [0-9,]+ MB\\. Libere espacio; no se restauró nada\\.$", large.Error.Trim());
        Assert.Equal(before, Sha(Path.Combine(disk.Folder, "ventanilla.db")));
        Assert.Empty(Directory.GetDirectories(disk.Folder, "restaurando-*"));
        TestApp.TryDelete(keep);
    }

    [Fact]
    public async Task A_restore_on_a_machine_without_the_backups_keys_says_the_mail_password_must_be_typed_again()
    {
        var keep = TestApp.NewFolder();
        string file;
        // Another office's machine, with its own keys: a mail password saved there, then its backup.
        await using (var elsewhere = await TestApp.CreateAsync())
        {
            await elsewhere.Get<SmtpMailer>().SaveAsync(Actor.System, new SmtpSettings("smtp.organismo.gob.mx", 587, SmtpSecurity.StartTls, "avisos", "avisos@organismo.gob.mx",
                elsewhere.Get<SettingsService>().Current.Version), "Secreta123", clearPassword: false);
            file = Path.Combine(keep, "respaldo.zip");
            await elsewhere.Get<BackupService>().BackupAsync(file);
        }

        var result = await RunAsync("restore", file);

        Assert.Equal(0, result.Code);
        Assert.Equal("Atención: el respaldo no lleva las llaves de cifrado del equipo donde se hizo (data/keys). La contraseña del correo guardada no se " +
            "puede leer aquí: escríbala de nuevo en /admin/correo. Las sesiones iniciadas en el otro equipo no valen aquí: el personal y las pantallas " +
            "vuelven a iniciar sesión.", result.Lines[^1]);
        await using var app = await TestApp.OpenAsync(Folder);
        Assert.True(app.Get<SmtpMailer>().PasswordUnreadable);
        TestApp.TryDelete(keep);
    }

    /// <summary>Zeros, without holding them in memory.</summary>
    private sealed class ZeroStream(long length) : Stream
    {
        private long _left = length;

        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = (int)Math.Min(count, _left);
            Array.Clear(buffer, offset, n);
            _left -= n;
            return n;
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    private sealed class ConcatenatedStream(Stream first, Stream second) : Stream
    {
        public override int Read(byte[] buffer, int offset, int count)
        {
            var n = first.Read(buffer, offset, count);
            return n > 0 ? n : second.Read(buffer, offset, count);
        }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
