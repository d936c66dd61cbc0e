using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class CitizenChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "PublicCode",
                table: "Visits",
                type: "TEXT",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicBaseUrl",
                table: "Settings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmtpFrom",
                table: "Settings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmtpHost",
                table: "Settings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "SmtpPasswordProtected",
                table: "Settings",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "SmtpPort",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 587); // the installed office starts with the submission port

            migrationBuilder.AddColumn<int>(
                name: "SmtpSecurity",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "SmtpUserName",
                table: "Settings",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "SpeakCalls",
                table: "Settings",
                type: "INTEGER",
                nullable: false,
                defaultValue: true); // calls are spoken unless the office turns it off

            migrationBuilder.AddColumn<string>(
                name: "Email",
                table: "Petitions",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PublicCode",
                table: "Petitions",
                type: "TEXT",
                maxLength: 10,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Notices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    NextAttemptUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Notices", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SurveyAnswers",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    VisitId = table.Column<int>(type: "INTEGER", nullable: false),
                    Score = table.Column<int>(type: "INTEGER", nullable: false),
                    Comment = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Source = table.Column<int>(type: "INTEGER", nullable: false),
                    AnsweredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswers", x => x.Id);
                    table.CheckConstraint("CK_SurveyAnswers_Score", "Score BETWEEN 1 AND 5");
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_Visits_VisitId",
                        column: x => x.VisitId,
                        principalTable: "Visits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_PublicCode",
                table: "Visits",
                column: "PublicCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Notices_PetitionId",
                table: "Notices",
                column: "PetitionId");

            migrationBuilder.CreateIndex(
                name: "IX_Notices_Status_NextAttemptUtc",
                table: "Notices",
                columns: new[] { "Status", "NextAttemptUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_AnsweredAtUtc",
                table: "SurveyAnswers",
                column: "AnsweredAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_VisitId",
                table: "SurveyAnswers",
                column: "VisitId",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "Notices");

            migrationBuilder.DropTable(
                name: "SurveyAnswers");

            migrationBuilder.DropIndex(
                name: "IX_Visits_PublicCode",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PublicCode",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "PublicBaseUrl",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpFrom",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpHost",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpPasswordProtected",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpPort",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpSecurity",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SmtpUserName",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "SpeakCalls",
                table: "Settings");

            migrationBuilder.DropColumn(
                name: "Email",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "PublicCode",
                table: "Petitions");
        }
    }
}
