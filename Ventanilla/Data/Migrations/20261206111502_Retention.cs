using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class Retention : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_Appointments_Contact",
                table: "Appointments");

            migrationBuilder.AddColumn<int>(
                name: "RetainAccessLogDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RetainAppointmentDataDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RetainVisitDataDays",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RetentionAutomatic",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAtUtc",
                table: "Appointments",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    DryRun = table.Column<bool>(type: "INTEGER", nullable: false),
                    By = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    VisitDataDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AppointmentDataDays = table.Column<int>(type: "INTEGER", nullable: false),
                    AccessLogDays = table.Column<int>(type: "INTEGER", nullable: false),
                    Visits = table.Column<int>(type: "INTEGER", nullable: false),
                    Appointments = table.Column<int>(type: "INTEGER", nullable: false),
                    AccessLines = table.Column<int>(type: "INTEGER", nullable: false),
                    Error = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRuns", x => x.Id);
                });

            migrationBuilder.AddCheckConstraint(
                name: "CK_Appointments_Contact",
                table: "Appointments",
                sql: "\"Phone\" IS NOT NULL OR \"Email\" IS NOT NULL OR \"AnonymizedAtUtc\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetentionRuns");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Appointments_Contact",
                table: "Appointments");

            migrationBuilder.DropColumn(
                name: "RetainAccessLogDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "RetainAppointmentDataDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "RetainVisitDataDays",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "RetentionAutomatic",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "AnonymizedAtUtc",
                table: "Appointments");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Appointments_Contact",
                table: "Appointments",
                sql: "\"Phone\" IS NOT NULL OR \"Email\" IS NOT NULL");
        }
    }
}
