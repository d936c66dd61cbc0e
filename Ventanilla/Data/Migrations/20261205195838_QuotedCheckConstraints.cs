using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuotedCheckConstraints : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_SurveyAnswers_Score",
                table: "SurveyAnswers");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Attachments_Owner",
                table: "Attachments");

            migrationBuilder.AddCheckConstraint(
                name: "CK_SurveyAnswers_Score",
                table: "SurveyAnswers",
                sql: "\"Score\" BETWEEN 1 AND 5");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Attachments_Owner",
                table: "Attachments",
                sql: "\"PetitionId\" IS NOT NULL OR \"VisitId\" IS NOT NULL");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropCheckConstraint(
                name: "CK_SurveyAnswers_Score",
                table: "SurveyAnswers");

            migrationBuilder.DropCheckConstraint(
                name: "CK_Attachments_Owner",
                table: "Attachments");

            migrationBuilder.AddCheckConstraint(
                name: "CK_SurveyAnswers_Score",
                table: "SurveyAnswers",
                sql: "Score BETWEEN 1 AND 5");

            migrationBuilder.AddCheckConstraint(
                name: "CK_Attachments_Owner",
                table: "Attachments",
                sql: "PetitionId IS NOT NULL OR VisitId IS NOT NULL");
        }
    }
}
