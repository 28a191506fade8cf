namespace CitizenVoice.Features.Home;

/// <summary>
/// What an error status means, in words people understand: the error page shows the title and explanation, the API's
/// problem details carry the title and the detail. One table, so a page and an API call say the same thing.
/// </summary>
public static class ErrorTexts
{
    public sealed record Wording(string Title, string Explanation, string Detail);

    public static Wording For(int status) => status switch
    {
        400 => new("Yêu cầu không hợp lệ",
            "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
            "Dữ liệu gửi lên không đúng định dạng. Vui lòng kiểm tra lại các trường và kiểu dữ liệu."),
        401 => new("Chưa đăng nhập",
            "Vui lòng đăng nhập để tiếp tục.",
            "Vui lòng đăng nhập để tiếp tục."),
        403 => new("Không có quyền truy cập",
            "Tài khoản của bạn không có quyền xem trang này.",
            "Không có quyền thực hiện yêu cầu này."),
        404 => new("Không tìm thấy trang",
            "Trang bạn tìm không có hoặc đã được chuyển đi. Vui lòng kiểm tra lại địa chỉ.",
            "Không tìm thấy nội dung được yêu cầu."),
        405 => new("Yêu cầu không hợp lệ",
            "Trang này không nhận kiểu yêu cầu đó. Vui lòng quay lại trang trước và thử lại.",
            "Địa chỉ này không nhận phương thức HTTP đó."),
        409 => new("Xung đột dữ liệu",
            "Dữ liệu đã thay đổi hoặc đã có. Vui lòng tải lại trang và thử lại.",
            "Dữ liệu đã thay đổi hoặc đã có."),
        413 => new("Dữ liệu gửi lên quá lớn",
            "Nội dung hoặc tệp bạn gửi vượt quá dung lượng cho phép. Vui lòng gửi nội dung ngắn hơn hoặc tệp nhỏ hơn.",
            "Nội dung gửi lên vượt quá dung lượng cho phép."),
        415 => new("Yêu cầu không hợp lệ",
            "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
            "Kiểu nội dung không được hỗ trợ; hãy gửi JSON (application/json)."),
        429 => new("Quá nhiều yêu cầu",
            "Bạn đã gửi quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một phút rồi thử lại.",
            "Quá nhiều yêu cầu trong thời gian ngắn. Vui lòng chờ một phút rồi thử lại."),
        >= 400 and < 500 => new("Yêu cầu không hợp lệ",
            "Biểu mẫu đã hết hạn hoặc không hợp lệ. Vui lòng tải lại trang và thử lại.",
            "Yêu cầu không được chấp nhận."),
        _ => new("Đã có lỗi xảy ra",
            "Hệ thống gặp sự cố khi xử lý yêu cầu. Dữ liệu bạn đã gửi trước đó không bị mất. Vui lòng thử lại sau ít phút.",
            "Hệ thống gặp sự cố khi xử lý yêu cầu. Vui lòng thử lại sau ít phút."),
    };
}
