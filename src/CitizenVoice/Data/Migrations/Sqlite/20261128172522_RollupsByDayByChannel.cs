using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RollupsByDayByChannel : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Rows by day now come split by channel and respondent type too (with their twin for all), so filtered figures
            // over part months read them instead of every unit's daily rows. Only a rebuild can fill them: the monthly
            // rows go, and the app rebuilds all of them from the daily rows when it starts (RollupRebuildOnUpgrade).
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\" WHERE (\"Scope\" = 2 OR \"Scope\" >= 20) AND \"Channel\" <> 0");
        }
    }
}
