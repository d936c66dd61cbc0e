using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchiveActiveUntil",
                table: "Petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "ArchiveSemiActiveUntil",
                table: "Petitions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ArchiveSeriesId",
                table: "Petitions",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ArchiveSeries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Code = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    ActiveYears = table.Column<int>(type: "integer", nullable: false),
                    SemiActiveYears = table.Column<int>(type: "integer", nullable: false),
                    Disposal = table.Column<int>(type: "integer", nullable: false),
                    IsActive = table.Column<bool>(type: "boolean", nullable: false),
                    Version = table.Column<long>(type: "bigint", nullable: false)
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
