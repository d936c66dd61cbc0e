using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class Offices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Offices",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Name = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    SortOrder = table.Column<int>(type: "INTEGER", nullable: false),
                    IsActive = table.Column<bool>(type: "INTEGER", nullable: false),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Offices", x => x.Id);
                });

            // Every existing desk, line, visit and petition becomes the main office's (the columns below default to it).
            migrationBuilder.InsertData(
                table: "Offices",
                columns: new[] { "Id", "Name", "SortOrder", "IsActive", "Version" },
                values: new object[] { 1, "Oficina principal", 1, true, 1L });

            migrationBuilder.DropIndex(
                name: "IX_ServiceCategories_Letter",
                table: "ServiceCategories");

            migrationBuilder.DropIndex(
                name: "IX_Desks_Number",
                table: "Desks");

            migrationBuilder.AddColumn<int>(
                name: "OfficeId",
                table: "Visits",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OfficeId",
                table: "ServiceCategories",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OfficeId",
                table: "Petitions",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.AddColumn<int>(
                name: "OfficeId",
                table: "Desks",
                type: "INTEGER",
                nullable: false,
                defaultValue: 1);

            migrationBuilder.CreateTable(
                name: "UserOffices",
                columns: table => new
                {
                    UserId = table.Column<string>(type: "TEXT", nullable: false),
                    OfficeId = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UserOffices", x => new { x.UserId, x.OfficeId });
                    table.ForeignKey(
                        name: "FK_UserOffices_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UserOffices_Offices_OfficeId",
                        column: x => x.OfficeId,
                        principalTable: "Offices",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Visits_OfficeId_ServiceDate",
                table: "Visits",
                columns: new[] { "OfficeId", "ServiceDate" });

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCategories_OfficeId_Letter",
                table: "ServiceCategories",
                columns: new[] { "OfficeId", "Letter" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_OfficeId",
                table: "Petitions",
                column: "OfficeId");

            migrationBuilder.CreateIndex(
                name: "IX_Desks_OfficeId_Number",
                table: "Desks",
                columns: new[] { "OfficeId", "Number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Offices_Name",
                table: "Offices",
                column: "Name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_UserOffices_OfficeId",
                table: "UserOffices",
                column: "OfficeId");

            migrationBuilder.AddForeignKey(
                name: "FK_Desks_Offices_OfficeId",
                table: "Desks",
                column: "OfficeId",
                principalTable: "Offices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Petitions_Offices_OfficeId",
                table: "Petitions",
                column: "OfficeId",
                principalTable: "Offices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_ServiceCategories_Offices_OfficeId",
                table: "ServiceCategories",
                column: "OfficeId",
                principalTable: "Offices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);

            migrationBuilder.AddForeignKey(
                name: "FK_Visits_Offices_OfficeId",
                table: "Visits",
                column: "OfficeId",
                principalTable: "Offices",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Desks_Offices_OfficeId",
                table: "Desks");

            migrationBuilder.DropForeignKey(
                name: "FK_Petitions_Offices_OfficeId",
                table: "Petitions");

            migrationBuilder.DropForeignKey(
                name: "FK_ServiceCategories_Offices_OfficeId",
                table: "ServiceCategories");

            migrationBuilder.DropForeignKey(
                name: "FK_Visits_Offices_OfficeId",
                table: "Visits");

            migrationBuilder.DropTable(
                name: "UserOffices");

            migrationBuilder.DropTable(
                name: "Offices");

            migrationBuilder.DropIndex(
                name: "IX_Visits_OfficeId_ServiceDate",
                table: "Visits");

            migrationBuilder.DropIndex(
                name: "IX_ServiceCategories_OfficeId_Letter",
                table: "ServiceCategories");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_OfficeId",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_Desks_OfficeId_Number",
                table: "Desks");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "Visits");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "ServiceCategories");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "OfficeId",
                table: "Desks");

            migrationBuilder.CreateIndex(
                name: "IX_ServiceCategories_Letter",
                table: "ServiceCategories",
                column: "Letter",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Desks_Number",
                table: "Desks",
                column: "Number",
                unique: true);
        }
    }
}
