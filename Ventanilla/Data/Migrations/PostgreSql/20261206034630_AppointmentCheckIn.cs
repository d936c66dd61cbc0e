using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class AppointmentCheckIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The office's settings row takes the check-in window's and the walk-in ceiling's defaults (AppSettings).
            migrationBuilder.AddColumn<int>(
                name: "CheckInEarlyMinutes",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "CheckInLateMinutes",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 15);

            migrationBuilder.AddColumn<int>(
                name: "WalkInCeilingMinutes",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 30);

            migrationBuilder.AddColumn<DateTime>(
                name: "AppointmentStartUtc",
                table: "QueueTickets",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "CheckInEarlyMinutes",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "CheckInLateMinutes",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "WalkInCeilingMinutes",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "AppointmentStartUtc",
                table: "QueueTickets");
        }
    }
}
