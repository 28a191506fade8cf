using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ProcedureMonthlyRollups : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Monthly rows per procedure (scopes 3 and 4) serve figures for one procedure over whole months. Only a
            // rebuild can fill them: the monthly rows go (the key changes on an empty table), and the app rebuilds all
            // of them from the daily rows when it starts (RollupRebuildOnUpgrade).
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.AddColumn<int>(
                name: "ProcedureId",
                table: "MonthlyRollups",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId", "Channel", "RespondentType", "ProcedureId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\" WHERE \"Scope\" IN (3, 4)");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "ProcedureId",
                table: "MonthlyRollups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId", "Channel", "RespondentType" });
        }
    }
}
