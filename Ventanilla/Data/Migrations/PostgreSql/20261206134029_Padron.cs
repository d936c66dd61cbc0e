using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class Padron : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "PadronImportId",
                table: "Settings",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PadronStaleDays",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.CreateTable(
                name: "CustomerAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AccountNumber = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    HolderName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    SearchName = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ServiceAddress = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Colony = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: true),
                    PostalCode = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    SearchAddress = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    CadastralKey = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    ServiceType = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    HolderPhone = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    BalanceDate = table.Column<DateOnly>(type: "date", nullable: true),
                    ContentHash = table.Column<long>(type: "bigint", nullable: false),
                    ValidFromImport = table.Column<int>(type: "integer", nullable: false),
                    ValidToImport = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PadronImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FileName = table.Column<string>(type: "character varying(260)", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Rows = table.Column<int>(type: "integer", nullable: false),
                    Added = table.Column<int>(type: "integer", nullable: false),
                    Changed = table.Column<int>(type: "integer", nullable: false),
                    Removed = table.Column<int>(type: "integer", nullable: false),
                    Unchanged = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Owner = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PadronImports", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_AccountNumber_ValidToImport",
                table: "CustomerAccounts",
                columns: new[] { "AccountNumber", "ValidToImport" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_CadastralKey_ValidToImport",
                table: "CustomerAccounts",
                columns: new[] { "CadastralKey", "ValidToImport" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_SearchAddress_ValidFromImport_ValidToImport",
                table: "CustomerAccounts",
                columns: new[] { "SearchAddress", "ValidFromImport", "ValidToImport" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_SearchName_ValidFromImport_ValidToImport",
                table: "CustomerAccounts",
                columns: new[] { "SearchName", "ValidFromImport", "ValidToImport" });

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_ValidFromImport",
                table: "CustomerAccounts",
                column: "ValidFromImport");

            migrationBuilder.CreateIndex(
                name: "IX_CustomerAccounts_ValidToImport",
                table: "CustomerAccounts",
                column: "ValidToImport");
        
            // Searching by any part of a name or an address: trigram indexes (pg_trgm, a trusted extension shipped with
            // PostgreSQL). Where the extension cannot be created the lookups still work, reading the table.
            migrationBuilder.Sql("""
                DO $$
                BEGIN
                    CREATE EXTENSION IF NOT EXISTS pg_trgm;
                    CREATE INDEX "IX_CustomerAccounts_SearchName_Trigram" ON "CustomerAccounts" USING gin ("SearchName" gin_trgm_ops);
                    CREATE INDEX "IX_CustomerAccounts_SearchAddress_Trigram" ON "CustomerAccounts" USING gin ("SearchAddress" gin_trgm_ops);
                EXCEPTION WHEN OTHERS THEN
                    RAISE NOTICE 'Sin pg_trgm: las búsquedas del padrón por nombre o domicilio leen la tabla (%).', SQLERRM;
                END $$;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CustomerAccounts");

            migrationBuilder.DropTable(
                name: "PadronImports");

            migrationBuilder.DropColumn(
                name: "PadronImportId",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PadronStaleDays",
                table: "Settings");
        }
    }
}
