using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
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
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "PadronStaleDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 7);

            migrationBuilder.CreateTable(
                name: "CustomerAccounts",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    HolderName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    SearchName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ServiceAddress = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Colony = table.Column<string>(type: "TEXT", maxLength: 120, nullable: true),
                    PostalCode = table.Column<string>(type: "TEXT", maxLength: 10, nullable: true),
                    SearchAddress = table.Column<string>(type: "TEXT", maxLength: 450, nullable: false),
                    CadastralKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    ServiceType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    HolderPhone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    BalanceDate = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    ContentHash = table.Column<long>(type: "INTEGER", nullable: false),
                    ValidFromImport = table.Column<int>(type: "INTEGER", nullable: false),
                    ValidToImport = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CustomerAccounts", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "PadronImports",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 260, nullable: false),
                    FileHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Rows = table.Column<int>(type: "INTEGER", nullable: false),
                    Added = table.Column<int>(type: "INTEGER", nullable: false),
                    Changed = table.Column<int>(type: "INTEGER", nullable: false),
                    Removed = table.Column<int>(type: "INTEGER", nullable: false),
                    Unchanged = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: true),
                    Owner = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    HeartbeatUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
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
