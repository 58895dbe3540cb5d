using FluentValidation;
using Onestop.Dossiers.Domain;

namespace Onestop.Dossiers.Features.Intake;

/// <summary>The applicant as entered at the desk or sent by a portal: a 12-digit identity number, a Vietnamese phone number.</summary>
internal sealed class ApplicantValidator : AbstractValidator<Applicant>
{
    public ApplicantValidator()
    {
        RuleFor(a => a.FullName).NotEmpty().WithMessage("Phải ghi họ và tên người nộp hồ sơ.").MaximumLength(200).WithMessage("Họ và tên quá dài.");
        RuleFor(a => a.IdentityNumber).NotEmpty().When(a => a.OrganizationName is null)
            .WithMessage("Phải ghi số định danh cá nhân (số căn cước công dân) của người nộp.");
        RuleFor(a => a.IdentityNumber).Matches("^[0-9]{12}$").When(a => !string.IsNullOrEmpty(a.IdentityNumber))
            .WithMessage("Số định danh cá nhân (căn cước công dân) phải gồm đúng 12 chữ số.");
        RuleFor(a => a.Phone).NotEmpty().WithMessage("Phải ghi số điện thoại liên hệ.");
        RuleFor(a => a.Phone).Must(BeVietnamesePhone).When(a => !string.IsNullOrEmpty(a.Phone))
            .WithMessage("Số điện thoại không đúng định dạng Việt Nam (ví dụ 0912345678, +84912345678 hoặc số cố định 02xx).");
        RuleFor(a => a.Email).EmailAddress().When(a => !string.IsNullOrEmpty(a.Email)).WithMessage("Địa chỉ thư điện tử không hợp lệ.");
        RuleFor(a => a.AreaCode).Matches("^[0-9A-Za-z.]{2,32}$").When(a => !string.IsNullOrEmpty(a.AreaCode))
            .WithMessage("Mã đơn vị hành chính nơi cư trú chỉ gồm chữ, số và dấu chấm.");
    }

    /// <summary>Mobile numbers 03x, 05x, 07x, 08x, 09x (10 digits) or landlines 02xx (11 digits), with 0 or +84; spaces and dots allowed.</summary>
    internal static bool BeVietnamesePhone(string? phone)
    {
        var digits = (phone ?? "").Replace(" ", "").Replace(".", "").Replace("-", "");
        var national = digits.StartsWith("+84", StringComparison.Ordinal) ? "0" + digits[3..] : digits;
        return national.All(char.IsAsciiDigit)
            && ((national.Length == 10 && national[0] == '0' && "35789".Contains(national[1]))
                || (national.Length == 11 && national.StartsWith("02", StringComparison.Ordinal)));
    }
}
