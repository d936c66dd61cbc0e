using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class PetitionForwardedAndSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ForwardedAtUtc",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SearchName",
                table: "Petitions",
                type: "TEXT",
                maxLength: 200,
                nullable: false,
                defaultValue: "");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OficialiaFolio",
                table: "Petitions",
                column: "OficialiaFolio");

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_SearchName",
                table: "Petitions",
                column: "SearchName");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Petitions_OficialiaFolio",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_SearchName",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ForwardedAtUtc",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "SearchName",
                table: "Petitions");
        }
    }
}
