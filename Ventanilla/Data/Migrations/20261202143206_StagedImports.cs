using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class StagedImports : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "Routings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "PetitionTypes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "Petitions",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "PetitionPauses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "DroppedIndexes",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "HeartbeatUtc",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "IsPending",
                table: "ImportRuns",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "Owner",
                table: "ImportRuns",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "Customers",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "ImportRunId",
                table: "Areas",
                type: "INTEGER",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Routings");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "PetitionTypes");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "PetitionPauses");

            migrationBuilder.DropColumn(
                name: "DroppedIndexes",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "HeartbeatUtc",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "IsPending",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "Owner",
                table: "ImportRuns");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Customers");

            migrationBuilder.DropColumn(
                name: "ImportRunId",
                table: "Areas");
        }
    }
}
