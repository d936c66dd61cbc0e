namespace Ventanilla.Data;

/// <summary>
/// The database's own guard of the access log: an UPDATE of a line is refused by a trigger on both engines, whatever
/// code (or person with a database client) tries it. Lines are only inserted, and removed by the office's retention.
/// </summary>
public static class AppendOnly
{
    public const string PersonalDataReadsTrigger = "TR_PersonalDataReads_NoUpdate";

    public const string Message = "La bitácora de accesos no se modifica: solo se agregan registros.";

    public const string Sqlite = $"""
        CREATE TRIGGER "{PersonalDataReadsTrigger}" BEFORE UPDATE ON "PersonalDataReads"
        BEGIN SELECT RAISE(ABORT, '{Message}'); END;
        """;

    public const string Postgres = $"""
        CREATE FUNCTION "{PersonalDataReadsTrigger}"() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION '{Message}'; END; $$;
        CREATE TRIGGER "{PersonalDataReadsTrigger}" BEFORE UPDATE ON "PersonalDataReads"
        FOR EACH ROW EXECUTE FUNCTION "{PersonalDataReadsTrigger}"();
        """;

    public const string DropSqlite = $"""DROP TRIGGER IF EXISTS "{PersonalDataReadsTrigger}";""";

    public const string DropPostgres = $"""
        DROP TRIGGER IF EXISTS "{PersonalDataReadsTrigger}" ON "PersonalDataReads";
        DROP FUNCTION IF EXISTS "{PersonalDataReadsTrigger}"();
        """;
}
