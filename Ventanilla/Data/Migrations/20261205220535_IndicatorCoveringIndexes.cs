using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorCoveringIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Routings_PetitionId",
                table: "Routings");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions");

            migrationBuilder.CreateIndex(
                name: "IX_Routings_PetitionId_Status_AreaId",
                table: "Routings",
                columns: new[] { "PetitionId", "Status", "AreaId" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions",
                columns: new[] { "ReceivedAtUtc", "ResponseDate", "ReceptionDay", "PetitionTypeId", "Status", "Id" },
                filter: "\"Status\" < 6");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Routings_PetitionId_Status_AreaId",
                table: "Routings");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions");

            migrationBuilder.CreateIndex(
                name: "IX_Routings_PetitionId",
                table: "Routings",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions",
                columns: new[] { "ReceivedAtUtc", "ResponseDate", "ReceptionDay", "PetitionTypeId", "Status" },
                filter: "\"Status\" < 6");
        }
    }
}
