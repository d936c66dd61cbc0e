using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class ReceptionDraftsAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Customers_Name",
                table: "Customers");

            migrationBuilder.AddColumn<int>(
                name: "DraftPetitionTypeId",
                table: "Visits",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DraftSubject",
                table: "Visits",
                type: "TEXT",
                maxLength: 4000,
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "KioskRequestId",
                table: "Visits",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Customers",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_DraftPetitionTypeId",
                table: "Visits",
                column: "DraftPetitionTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_Visits_KioskRequestId",
                table: "Visits",
                column: "KioskRequestId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Phone",
                table: "Customers",
                column: "Phone");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_SearchName",
                table: "Customers",
                column: "SearchName");

            migrationBuilder.AddForeignKey(
                name: "FK_Visits_PetitionTypes_DraftPetitionTypeId",
                table: "Visits",
                column: "DraftPetitionTypeId",
                principalTable: "PetitionTypes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Visits_PetitionTypes_DraftPetitionTypeId",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Visits_DraftPetitionTypeId",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Visits_KioskRequestId",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_Customers_Phone",
                table: "Customers");

            migrationBuilder.DropIndex(
                name: "IX_Customers_SearchName",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "DraftPetitionTypeId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "DraftSubject",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "KioskRequestId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Customers");

            migrationBuilder.CreateIndex(
                name: "IX_Customers_Name",
                table: "Customers",
                column: "Name");
        }
    }
}
