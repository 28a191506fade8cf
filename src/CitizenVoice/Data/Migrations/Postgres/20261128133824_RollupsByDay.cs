using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class RollupsByDay : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The monthly table gains rows by day (the subtree, scope 2; each level below, scopes 20 and up), which only a
            // rebuild can fill: the monthly rows go, and the app rebuilds all of them from the daily rows when it starts
            // (RollupRebuildOnUpgrade).
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DELETE FROM \"MonthlyRollups\" WHERE \"Scope\" = 2 OR \"Scope\" >= 20");
        }
    }
}
