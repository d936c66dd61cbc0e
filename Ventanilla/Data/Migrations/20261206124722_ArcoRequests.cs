using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArcoRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArcoExtensionDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "ArcoTermDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<int>(
                name: "RetainDocumentDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 365);

            migrationBuilder.AddColumn<int>(
                name: "DocumentDays",
                table: "RetentionRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Documents",
                table: "RetentionRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Petitions",
                table: "RetentionRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ArcoRight",
                table: "PetitionTypes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAtUtc",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TermExtensionDays",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TermExtensionReason",
                table: "Petitions",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAtUtc",
                table: "Attachments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PersonalDataChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Action = table.Column<int>(type: "INTEGER", nullable: false),
                    ArcoFolio = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Record = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Field = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PersonalDataChanges", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PersonalDataChanges_ArcoFolio_Id",
                table: "PersonalDataChanges",
                columns: new[] { "ArcoFolio", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PersonalDataChanges");

            migrationBuilder.DropColumn(
                name: "ArcoExtensionDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "ArcoTermDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "RetainDocumentDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "DocumentDays",
                table: "RetentionRuns");

            migrationBuilder.DropColumn(
                name: "Documents",
                table: "RetentionRuns");

            migrationBuilder.DropColumn(
                name: "Petitions",
                table: "RetentionRuns");

            migrationBuilder.DropColumn(
                name: "ArcoRight",
                table: "PetitionTypes");

            migrationBuilder.DropColumn(
                name: "AnonymizedAtUtc",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "TermExtensionDays",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "TermExtensionReason",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ErasedAtUtc",
                table: "Attachments");
        }
    }
}
