using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class ArchiveClassification : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ArchiveSeriesId",
                table: "PetitionTypes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchiveActiveUntil",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchiveSemiActiveUntil",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArchiveSeriesId",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArchiveSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Code = table.Column<string>(type: "TEXT", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    ActiveYears = table.Column<int>(type: "INTEGER", nullable: false),
                    SemiActiveYears = table.Column<int>(type: "INTEGER", nullable: false),
                    Disposal = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ArchiveSeries", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ArchiveSeriesId_ArchiveActiveUntil",
                table: "Petitions",
                columns: new[] { "ArchiveSeriesId", "ArchiveActiveUntil" });

            migrationBuilder.CreateIndex(
                name: "IX_ArchiveSeries_Code",
                table: "ArchiveSeries",
                column: "Code",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ArchiveSeries");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ArchiveSeriesId_ArchiveActiveUntil",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ArchiveSeriesId",
                table: "PetitionTypes");

            migrationBuilder.DropColumn(
                name: "ArchiveActiveUntil",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ArchiveSemiActiveUntil",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ArchiveSeriesId",
                table: "Petitions");
        }
    }
}
