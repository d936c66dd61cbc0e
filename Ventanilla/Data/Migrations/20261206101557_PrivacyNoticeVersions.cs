using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class PrivacyNoticeVersions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PrivacyNoticeVersion",
                table: "Visits",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyNoticeFull",
                table: "Settings",
                type: "TEXT",
                maxLength: 20000,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<int>(
                name: "PrivacyNoticeNumber",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyNoticeVersion",
                table: "CitizenDeliveries",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "PrivacyNoticeVersions",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Number = table.Column<int>(type: "INTEGER", nullable: false),
                    ShortText = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    FullText = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyNoticeVersions", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrivacyNoticeVersions_Number",
                table: "PrivacyNoticeVersions",
                column: "Number",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrivacyNoticeVersions");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeVersion",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeFull",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeNumber",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeVersion",
                table: "CitizenDeliveries");
        }
    }
}
