using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Ventanilla.Data.Migrations
{
    /// <inheritdoc />
    public partial class OnlineIntake : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "AvailableOnline",
                table: "PetitionTypes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "OnlineRequirements",
                table: "PetitionTypes",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "PrivacyNoticeVersion",
                table: "Petitions",
                type: "TEXT",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "EndedHow",
                table: "PetitionPauses",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CitizenDeliveryId",
                table: "Attachments",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CitizenDeliveries",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: true),
                    PauseId = table.Column<int>(type: "INTEGER", nullable: true),
                    Reason = table.Column<int>(type: "INTEGER", nullable: false),
                    DeliveredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    DeliveredOn = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Note = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    ReviewedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ReviewedByUserId = table.Column<string>(type: "TEXT", nullable: true),
                    ReviewedByName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    RejectReason = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CitizenDeliveries", x => x.Id);
                    table.CheckConstraint("CK_CitizenDeliveries_Owner", "\"PetitionId\" IS NOT NULL AND \"PauseId\" IS NOT NULL");
                    table.ForeignKey(
                        name: "FK_CitizenDeliveries_PetitionPauses_PauseId",
                        column: x => x.PauseId,
                        principalTable: "PetitionPauses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CitizenDeliveries_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OnlineRequests",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    TokenHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    PetitionTypeId = table.Column<int>(type: "INTEGER", nullable: false),
                    PetitionerName = table.Column<string>(type: "TEXT", maxLength: 120, nullable: false),
                    IsThirdParty = table.Column<bool>(type: "INTEGER", nullable: false),
                    AccountNumber = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    CadastralKey = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    Address = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    Phone = table.Column<string>(type: "TEXT", maxLength: 30, nullable: true),
                    Email = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 4000, nullable: false),
                    PrivacyNoticeVersion = table.Column<string>(type: "TEXT", maxLength: 20, nullable: false),
                    Fingerprint = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CodeExpiresUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CodeAttempts = table.Column<int>(type: "INTEGER", nullable: false),
                    CodesSent = table.Column<int>(type: "INTEGER", nullable: false),
                    ClientAddress = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ConfirmedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PetitionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Version = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineRequests", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineRequests_PetitionTypes_PetitionTypeId",
                        column: x => x.PetitionTypeId,
                        principalTable: "PetitionTypes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_OnlineRequests_Petitions_PetitionId",
                        column: x => x.PetitionId,
                        principalTable: "Petitions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "OnlineRequestFiles",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    OnlineRequestId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    FileName = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    StoredName = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    ContentType = table.Column<string>(type: "TEXT", maxLength: 60, nullable: false),
                    Sha256 = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Bytes = table.Column<long>(type: "INTEGER", nullable: false),
                    PageCount = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_OnlineRequestFiles", x => x.Id);
                    table.ForeignKey(
                        name: "FK_OnlineRequestFiles_OnlineRequests_OnlineRequestId",
                        column: x => x.OnlineRequestId,
                        principalTable: "OnlineRequests",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Petitions_Remote",
                table: "Petitions",
                columns: new[] { "Channel", "ReceivedAtUtc" },
                filter: "\"Channel\" <> 0");

            migrationBuilder.CreateIndex(
                name: "IX_PetitionPauses_Reason_EndDate",
                table: "PetitionPauses",
                columns: new[] { "Reason", "EndDate" });

            migrationBuilder.CreateIndex(
                name: "IX_Attachments_CitizenDeliveryId",
                table: "Attachments",
                column: "CitizenDeliveryId");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDeliveries_OnePending",
                table: "CitizenDeliveries",
                column: "PauseId",
                unique: true,
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDeliveries_Pending",
                table: "CitizenDeliveries",
                column: "Status",
                filter: "\"Status\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_CitizenDeliveries_PetitionId_Status",
                table: "CitizenDeliveries",
                columns: new[] { "PetitionId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequestFiles_OnlineRequestId",
                table: "OnlineRequestFiles",
                column: "OnlineRequestId");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_ClientAddress_CreatedAtUtc",
                table: "OnlineRequests",
                columns: new[] { "ClientAddress", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_EmailHash_CreatedAtUtc",
                table: "OnlineRequests",
                columns: new[] { "EmailHash", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_Fingerprint_ConfirmedAtUtc",
                table: "OnlineRequests",
                columns: new[] { "Fingerprint", "ConfirmedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_PetitionId",
                table: "OnlineRequests",
                column: "PetitionId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_PetitionTypeId",
                table: "OnlineRequests",
                column: "PetitionTypeId");

            migrationBuilder.CreateIndex(
                name: "IX_OnlineRequests_TokenHash",
                table: "OnlineRequests",
                column: "TokenHash",
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Attachments_CitizenDeliveries_CitizenDeliveryId",
                table: "Attachments",
                column: "CitizenDeliveryId",
                principalTable: "CitizenDeliveries",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Attachments_CitizenDeliveries_CitizenDeliveryId",
                table: "Attachments");

            migrationBuilder.DropTable(
                name: "CitizenDeliveries");

            migrationBuilder.DropTable(
                name: "OnlineRequestFiles");

            migrationBuilder.DropTable(
                name: "OnlineRequests");

            migrationBuilder.DropIndex(
                name: "IX_Petitions_Remote",
                table: "Petitions");

            migrationBuilder.DropIndex(
                name: "IX_PetitionPauses_Reason_EndDate",
                table: "PetitionPauses");

            migrationBuilder.DropIndex(
                name: "IX_Attachments_CitizenDeliveryId",
                table: "Attachments");

            migrationBuilder.DropColumn(
                name: "AvailableOnline",
                table: "PetitionTypes");

            migrationBuilder.DropColumn(
                name: "OnlineRequirements",
                table: "PetitionTypes");

            migrationBuilder.DropColumn(
                name: "PrivacyNoticeVersion",
                table: "Petitions");

            migrationBuilder.DropColumn(
                name: "EndedHow",
                table: "PetitionPauses");

            migrationBuilder.DropColumn(
                name: "CitizenDeliveryId",
                table: "Attachments");
        }
    }
}
