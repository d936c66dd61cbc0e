using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Ventanilla.Data.Migrations.PostgreSql
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RetainAppointmentDataDays",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RetainVisitDataDays",
                table: "Settings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<bool>(
                name: "RetentionAutomatic",
                table: "Settings",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTime>(
                name: "AnonymizedAtUtc",
                table: "Appointments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "RetentionRuns",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    StartedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    FinishedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    By = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    VisitDataDays = table.Column<int>(type: "integer", nullable: false),
                    AppointmentDataDays = table.Column<int>(type: "integer", nullable: false),
                    AccessLogDays = table.Column<int>(type: "integer", nullable: false),
                    Visits = table.Column<int>(type: "integer", nullable: false),
                    Appointments = table.Column<int>(type: "integer", nullable: false),
                    AccessLines = table.Column<int>(type: "integer", nullable: false),
                    Error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true)
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
