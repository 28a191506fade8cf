using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CitizenVoice.Features.Surveys;

/// <summary>A version (draft or published) as a citizen sees it on the online form, without sending anything.</summary>
[Authorize(Policy = SurveyPolicies.Questionnaires)]
public sealed class QuestionnairePreviewModel(QuestionnaireCatalog catalog) : PageModel
{
    [FromRoute]
    public int Id { get; set; }

    public QuestionnaireView Questionnaire { get; private set; } = null!;

    public async Task<IActionResult> OnGetAsync()
    {
        if (await catalog.LoadAsync(Id, HttpContext.RequestAborted) is not { } questionnaire)
        {
            return NotFound();
        }

        Questionnaire = questionnaire;
        return Page();
    }
}
