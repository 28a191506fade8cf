using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Sqlite
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
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<int>(
                name: "RespondentType",
                table: "SurveyResponses",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AlterColumn<int>(
                name: "Channel",
                table: "SatisfactionRollups",
                type: "INTEGER",
                nullable: false,
                oldClrType: typeof(string),
                oldType: "TEXT",
                oldMaxLength: 10);

            migrationBuilder.AddColumn<int>(
                name: "ProcedureId",
                table: "SatisfactionRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RespondentType",
                table: "SatisfactionRollups",
                type: "INTEGER",
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
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    UnitId = table.Column<int>(type: "INTEGER", nullable: false),
                    FieldId = table.Column<int>(type: "INTEGER", nullable: false),
                    ProcedureId = table.Column<int>(type: "INTEGER", nullable: false),
                    Channel = table.Column<int>(type: "INTEGER", nullable: false),
                    RespondentType = table.Column<int>(type: "INTEGER", nullable: false),
                    Count = table.Column<long>(type: "INTEGER", nullable: false)
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
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

            migrationBuilder.AlterColumn<string>(
                name: "Channel",
                table: "SatisfactionRollups",
                type: "TEXT",
                maxLength: 10,
                nullable: false,
                oldClrType: typeof(int),
                oldType: "INTEGER");

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
