using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: false,
                defaultValue: 10);

            migrationBuilder.AddColumn<int>(
                name: "ArcoTermDays",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 20);

            migrationBuilder.AddColumn<int>(
                name: "RetainDocumentDays",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 365);

            migrationBuilder.AddColumn<int>(
                name: "DocumentDays",
                table: "RetentionRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Documents",
                table: "RetentionRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Petitions",
                table: "RetentionRuns",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "ArcoRight",
                table: "PetitionTypes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAtUtc",
                table: "Petitions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "TermExtensionDays",
                table: "Petitions",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TermExtensionReason",
                table: "Petitions",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasedAtUtc",
                table: "Attachments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PersonalDataChanges",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Action = table.Column<int>(type: "integer", nullable: false),
                    ArcoFolio = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Record = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Field = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Before = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
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
