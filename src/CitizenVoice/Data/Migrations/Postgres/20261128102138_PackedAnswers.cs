using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace CitizenVoice.Data.Migrations.Postgres
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
                type: "text",
                nullable: false,
                defaultValue: "");

            // Each response's answer rows become one JSON object in its row ({"12":4,"40":"…"}), then the table goes.
            migrationBuilder.Sql("""
UPDATE "SurveyResponses" AS r SET "Answers" = a.packed
FROM (SELECT "ResponseId", json_object_agg("QuestionId"::text, COALESCE(to_json("Value"), to_json("Text")) ORDER BY "QuestionId")::text AS packed
      FROM "SurveyAnswers" GROUP BY "ResponseId") AS a
WHERE a."ResponseId" = r."Id";
UPDATE "SurveyResponses" SET "Answers" = '{}' WHERE "Answers" = '';
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
                    ResponseId = table.Column<Guid>(type: "uuid", nullable: false),
                    QuestionId = table.Column<int>(type: "integer", nullable: false),
                    Text = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Value = table.Column<int>(type: "integer", nullable: true)
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
SELECT r."Id", j.key::int, CASE WHEN json_typeof(j.value) = 'number' THEN (j.value #>> '{}')::int END,
       CASE WHEN json_typeof(j.value) = 'string' THEN j.value #>> '{}' END
FROM "SurveyResponses" AS r, json_each(r."Answers"::json) AS j;
""");

            migrationBuilder.DropColumn(
                name: "Answers",
                table: "SurveyResponses");
        }
    }
}
