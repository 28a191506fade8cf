using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Visitors : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RecentVisitors",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    LastSeen = table.Column<long>(type: "bigint", nullable: false),
                    SearchEngine = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RecentVisitors", x => x.Key);
                });

            migrationBuilder.CreateTable(
                name: "VisitDays",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "date", nullable: false),
                    Views = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitDays", x => x.Day);
                });

            migrationBuilder.CreateTable(
                name: "VisitorSecrets",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ProtectedKey = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisitorSecrets", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RecentVisitors_LastSeen",
                table: "RecentVisitors",
                column: "LastSeen");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RecentVisitors");

            migrationBuilder.DropTable(
                name: "VisitDays");

            migrationBuilder.DropTable(
                name: "VisitorSecrets");
        }
    }
}
