using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class DialogueFollowUp : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "SecretHash",
                table: "Opinions",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "TrackingCode",
                table: "Opinions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ClosedAt",
                table: "Commitments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_SurveyResponses_Contact",
                table: "SurveyResponses",
                column: "Day",
                filter: "\"ContactProtected\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Opinions_Status_AnsweredAt",
                table: "Opinions",
                columns: new[] { "Status", "AnsweredAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Opinions_TrackingCode",
                table: "Opinions",
                column: "TrackingCode",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_SurveyResponses_Contact",
                table: "SurveyResponses");

            migrationBuilder.DropIndex(
                name: "IX_Opinions_Status_AnsweredAt",
                table: "Opinions");

            migrationBuilder.DropIndex(
                name: "IX_Opinions_TrackingCode",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "SecretHash",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "TrackingCode",
                table: "Opinions");

            migrationBuilder.DropColumn(
                name: "ClosedAt",
                table: "Commitments");
        }
    }
}
