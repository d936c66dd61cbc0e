using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class PendingIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ArchivePending",
                table: "Petitions",
                columns: new[] { "ArchiveSeriesId", "Id" },
                filter: "\"ClosedAtUtc\" IS NOT NULL AND \"ArchiveSeriesId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_CodePending",
                table: "Petitions",
                column: "Id",
                filter: "\"PublicCode\" IS NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_ArchivePending",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_CodePending",
                table: "Petitions");
        }
    }
}
