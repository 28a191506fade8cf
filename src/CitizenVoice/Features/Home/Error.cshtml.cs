using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CitizenVoice.Features.Home;

/// <summary>The one error page people see: a plain explanation in their language, never a stack trace.</summary>
[IgnoreAntiforgeryToken]
public sealed class ErrorModel(IStringLocalizer<SharedResource> l) : PageModel
{
    public string Title { get; private set; } = "";
    public string Explanation { get; private set; } = "";

    public void OnGet(int? code) => Describe(code ?? StatusCodes.Status500InternalServerError);

    public void OnPost(int? code) => Describe(code ?? StatusCodes.Status500InternalServerError);

    private void Describe(int code)
    {
        (Title, Explanation) = code switch
        {
            404 => (l["Không tìm thấy trang"], l["Trang bạn tìm không có hoặc đã được chuyển đi. Vui lòng kiểm tra lại địa chỉ."]),
            403 => (l["Không có quyền truy cập"], l["Tài khoản của bạn không có quyền xem trang này."]),
            400 => (l["Yêu cầu không hợp lệ"], l["Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại."]),
            429 => (l["Quá nhiều yêu cầu"], l["Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một phút rồi thử lại."]),
            _ => (l["Đã có lỗi xảy ra"], l["Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu bạn đã gửi trước đó không bị mất. Vui lòng thử lại sau ít phút."]),
        };
        Response.StatusCode = code;
    }
}
