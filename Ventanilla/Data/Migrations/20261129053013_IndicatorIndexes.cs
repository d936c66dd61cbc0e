using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class IndicatorIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visits_ServiceDate",
                table: "Visits");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_ServiceDate_ServiceCategoryId_Outcome_ArrivedAtUtc_CalledAtUtc_ServiceStartedAtUtc_FinishedAtUtc",
                table: "Visits",
                columns: new[] { "ServiceDate", "ServiceCategoryId", "Outcome", "ArrivedAtUtc", "CalledAtUtc", "ServiceStartedAtUtc", "FinishedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ClosedAtUtc_Status",
                table: "Petitions",
                columns: new[] { "ClosedAtUtc", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ReceivedAtUtc_ResponseDate_ClosedAtUtc_PetitionTypeId_ReceptionDay",
                table: "Petitions",
                columns: new[] { "ReceivedAtUtc", "ResponseDate", "ClosedAtUtc", "PetitionTypeId", "ReceptionDay" });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_ResponseDate_ReceptionDay_PetitionTypeId_OnTime_DueDate",
                table: "Petitions",
                columns: new[] { "ResponseDate", "ReceptionDay", "PetitionTypeId", "OnTime", "DueDate" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Visits_ServiceDate_ServiceCategoryId_Outcome_ArrivedAtUtc_CalledAtUtc_ServiceStartedAtUtc_FinishedAtUtc",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ClosedAtUtc_Status",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ReceivedAtUtc_ResponseDate_ClosedAtUtc_PetitionTypeId_ReceptionDay",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_ResponseDate_ReceptionDay_PetitionTypeId_OnTime_DueDate",
                table: "Petitions");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_ServiceDate",
                table: "Visits",
                column: "ServiceDate");
        }
    }
}
