using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class CityIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Visits_PendingDrafts",
                table: "Visits",
                column: "ArrivedAtUtc",
                filter: "\"Outcome\" = 7 AND \"PetitionId\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Routings_Pending",
                table: "Routings",
                columns: new[] { "AreaId", "PetitionId" },
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ClosedAtUtc",
                table: "Petitions",
                column: "ClosedAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OpenDue",
                table: "Petitions",
                columns: new[] { "DueDate", "Status" },
                filter: "\"Status\" < 6");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visits_PendingDrafts",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Routings_Pending",
                table: "Routings");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ClosedAtUtc",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_OpenDue",
                table: "Petitions");
        }
    }
}
