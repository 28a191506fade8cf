using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupGrain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_SatisfactionRollups",
                table: "SatisfactionRollups");

            migrationBuilder.DropIndex(
                name: "IX_SatisfactionRollups_UnitId_Day",
                table: "SatisfactionRollups");

            migrationBuilder.AlterColumn<int>(
                name: "Channel",
                table: "SurveyResponses",
                type: "integer",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<int>(
                name: "RespondentType",
                table: "SurveyResponses",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<int>(
                name: "Channel",
                table: "SatisfactionRollups",
                type: "integer",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "character varying(10)",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<int>(
                name: "ProcedureId",
                table: "SatisfactionRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RespondentType",
                table: "SatisfactionRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_SatisfactionRollups",
                table: "SatisfactionRollups",
                columns: new[] { "UnitId", "Day", "FieldId", "ProcedureId", "Channel", "RespondentType", "QuestionId", "Value" });

            migrationBuilder.CreateTable(
                name: "ResponseRollups",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RespondentType = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ResponseRollups", x => new { x.UnitId, x.Day, x.FieldId, x.ProcedureId, x.Channel, x.RespondentType });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ResponseRollups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_SatisfactionRollups",
                table: "SatisfactionRollups");

            migrationBuilder.DropColumn(
                name: "RespondentType",
                table: "SurveyResponses");

            migrationBuilder.DropColumn(
                name: "ProcedureId",
                table: "SatisfactionRollups");

            migrationBuilder.DropColumn(
                name: "RespondentType",
                table: "SatisfactionRollups");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "SurveyResponses",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "SatisfactionRollups",
                type: "character varying(10)",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "integer");

            migrationBuilder.AddPrimaryKey(
                name: "PK_SatisfactionRollups",
                table: "SatisfactionRollups",
                columns: new[] { "Day", "UnitId", "FieldId", "Channel", "QuestionId", "Value" });

            migrationBuilder.CreateIndex(
                name: "IX_SatisfactionRollups_UnitId_Day",
                table: "SatisfactionRollups",
                columns: new[] { "UnitId", "Day" });
        }
    }
}
