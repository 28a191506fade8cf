using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PackedAnswers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Answers",
                table: "SurveyResponses",
                type: "TEXT",
                nullable: false,
                defaultValue: "");

            // Each response's answer rows become one JSON object in its row ({"12":4,"40":"…"}), then the table goes.
            migrationBuilder.Sql("""
UPDATE "SurveyResponses" SET "Answers" = COALESCE((
    SELECT json_group_object(CAST(a."QuestionId" AS TEXT), COALESCE(a."Value", a."Text"))
    FROM (SELECT "QuestionId", "Value", "Text" FROM "SurveyAnswers" WHERE "ResponseId" = "SurveyResponses"."Id" ORDER BY "QuestionId") AS a), '{}');
""");

            migrationBuilder.DropTable(
                name: "SurveyAnswers");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "SurveyAnswers",
                columns: table => new
                {
                    ResponseId = table.Column<Guid>(type: "TEXT", nullable: false),
                    QuestionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Text = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    Value = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SurveyAnswers", x => new { x.ResponseId, x.QuestionId });
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_Question_QuestionId",
                        column: x => x.QuestionId,
                        principalTable: "Question",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SurveyAnswers_SurveyResponses_ResponseId",
                        column: x => x.ResponseId,
                        principalTable: "SurveyResponses",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SurveyAnswers_QuestionId",
                table: "SurveyAnswers",
                column: "QuestionId");

            migrationBuilder.Sql("""
INSERT INTO "SurveyAnswers" ("ResponseId", "QuestionId", "Value", "Text")
SELECT r."Id", CAST(j.key AS INTEGER), CASE WHEN j.type = 'integer' THEN j.value END, CASE WHEN j.type = 'text' THEN j.value END
FROM "SurveyResponses" AS r, json_each(r."Answers") AS j;
""");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "SurveyResponses");
        }
    }
}
