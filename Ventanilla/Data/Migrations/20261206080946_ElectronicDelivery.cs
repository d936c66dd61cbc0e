using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class ElectronicDelivery : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ElectronicDeliveryAcceptedAtUtc",
                table: "Petitions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ElectronicDeliveryPrivacyVersion",
                table: "Petitions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "AcceptsElectronicDelivery",
                table: "OnlineRequests",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "Electronic",
                table: "Deliveries",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ElectronicDeliveryAcceptedAtUtc",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ElectronicDeliveryPrivacyVersion",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "AcceptsElectronicDelivery",
                table: "OnlineRequests");

            migrationBuilder.DropColumn(
                name: "Electronic",
                table: "Deliveries");
        }
    }
}
