using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SurveysPaper : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PaperEntries",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<int>(type: "integer", nullable: false),
                    FieldId = table.Column<int>(type: "integer", nullable: false),
                    Serial = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    Sequence = table.Column<int>(type: "integer", nullable: false),
                    QuestionnaireId = table.Column<int>(type: "integer", nullable: false),
                    Content = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    EnteredById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: false),
                    EnteredAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: true),
                    ResolvedById = table.Column<string>(type: "character varying(450)", maxLength: 450, nullable: true),
                    ResolvedAt = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PaperEntries", x => x.Id);
                    table.ForeignKey(
                        name: "FK_PaperEntries_Fields_FieldId",
                        column: x => x.FieldId,
                        principalTable: "Fields",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaperEntries_Questionnaires_QuestionnaireId",
                        column: x => x.QuestionnaireId,
                        principalTable: "Questionnaires",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_PaperEntries_Units_UnitId",
                        column: x => x.UnitId,
                        principalTable: "Units",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PaperEntries_FieldId",
                table: "PaperEntries",
                column: "FieldId");

            migrationBuilder.CreateIndex(
                name: "IX_PaperEntries_QuestionnaireId",
                table: "PaperEntries",
                column: "QuestionnaireId");

            migrationBuilder.CreateIndex(
                name: "IX_PaperEntries_Status",
                table: "PaperEntries",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_PaperEntries_UnitId_FieldId_Serial_Sequence",
                table: "PaperEntries",
                columns: new[] { "UnitId", "FieldId", "Serial", "Sequence" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PaperEntries");
        }
    }
}
