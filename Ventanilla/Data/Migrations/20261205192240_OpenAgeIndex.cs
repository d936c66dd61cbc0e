using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class OpenAgeIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions",
                columns: new[] { "ReceivedAtUtc", "ResponseDate", "ReceptionDay", "PetitionTypeId", "Status" },
                filter: "\"Status\" < 6");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_OpenAge",
                table: "Petitions");
        }
    }
}
