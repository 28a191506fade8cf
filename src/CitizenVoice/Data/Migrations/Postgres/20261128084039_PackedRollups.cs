using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PackedRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rollups now pack every answer count of a row into one column, and monthly rows gain per-level scopes.
            // The old rows cannot be converted in SQL: they are emptied here and rebuilt from the raw responses when
            // the app starts (RollupRebuildOnUpgrade).
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");

            migrationBuilder.DropTable(
                name: "ResponseRollups");

            migrationBuilder.DropTable(
                name: "SatisfactionRollups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "QuestionId",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "Value",
                table: "MonthlyRollups");

            migrationBuilder.RenameColumn(
                name: "Count",
                table: "MonthlyRollups",
                newName: "Responses");

            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "MonthlyRollups",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId" });

            migrationBuilder.CreateTable(
                name: "DailyRollups",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RespondentType = table.Column<int>(type: "integer", nullable: false),
                    Responses = table.Column<long>(type: "bigint", nullable: false),
                    Answers = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DailyRollups", x => new { x.UnitId, x.Day, x.FieldId, x.ProcedureId, x.Channel, x.RespondentType });
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "DailyRollups");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "MonthlyRollups");

            migrationBuilder.RenameColumn(
                name: "Responses",
                table: "MonthlyRollups",
                newName: "Count");

            migrationBuilder.AddColumn<int>(
                name: "QuestionId",
                table: "MonthlyRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Value",
                table: "MonthlyRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId", "QuestionId", "Value" });

            migrationBuilder.CreateTable(
                name: "ResponseRollups",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
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

            migrationBuilder.CreateTable(
                name: "SatisfactionRollups",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    ProcedureId = table.Column<int>(type: "integer", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    RespondentType = table.Column<int>(type: "integer", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Value = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SatisfactionRollups", x => new { x.UnitId, x.Day, x.FieldId, x.ProcedureId, x.Channel, x.RespondentType, x.QuestionId, x.Value });
                });
        }
    }
}
