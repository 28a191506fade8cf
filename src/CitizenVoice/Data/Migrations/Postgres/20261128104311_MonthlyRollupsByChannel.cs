using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class MonthlyRollupsByChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The monthly rows gain channel and respondent type in their key, which the old rows cannot be split by:
            // they go, and the app rebuilds them from the responses when it starts (RollupRebuildOnUpgrade).
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.AddColumn<int>(
                name: "Channel",
                table: "MonthlyRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RespondentType",
                table: "MonthlyRollups",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId", "Channel", "RespondentType" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");

            migrationBuilder.DropPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "Channel",
                table: "MonthlyRollups");

            migrationBuilder.DropColumn(
                name: "RespondentType",
                table: "MonthlyRollups");

            migrationBuilder.AddPrimaryKey(
                name: "PK_MonthlyRollups",
                table: "MonthlyRollups",
                columns: new[] { "UnitId", "Scope", "Month", "FieldId" });
        }
    }
}
