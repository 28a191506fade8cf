using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class IntakeUnitFields : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "UnitFields",
                columns: table => new
                {
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_UnitFields", x => new { x.UnitId, x.FieldId });
                    table.ForeignKey(
                        name: "FK_UnitFields_Fields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "Fields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_UnitFields_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_UnitFields_FieldId",
                table: "UnitFields",
                column: "FieldId");

            // A database that took responses before units said which fields they serve goes on taking them: every unit
            // serves every field until an administrator narrows it on the unit's page. A new database has no units yet.
            migrationBuilder.Sql("INSERT INTO \"UnitFields\" (\"UnitId\", \"FieldId\") SELECT u.\"Id\", f.\"Id\" FROM \"Units\" u CROSS JOIN \"Fields\" f;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "UnitFields");
        }
    }
}
