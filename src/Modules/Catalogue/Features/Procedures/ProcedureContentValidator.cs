using FluentValidation;
using Onestop.Catalogue.Domain;

namespace Onestop.Catalogue.Features.Procedures;

/// <summary>What every version of a procedure must satisfy, whichever command carries it.</summary>
internal sealed class ProcedureContentValidator : AbstractValidator<ProcedureContent>
{
    public ProcedureContentValidator()
    {
        RuleFor(c => c.Name).NotEmpty().WithMessage("Tên thủ tục không được để trống.").MaximumLength(500);
        RuleFor(c => c.FieldCode).NotEmpty().WithMessage("Phải chọn lĩnh vực.");
        RuleFor(c => c.Agency).NotEmpty().WithMessage("Phải ghi cơ quan thực hiện.");
        RuleFor(c => c.Result).NotEmpty().WithMessage("Phải ghi kết quả thực hiện.");
        RuleFor(c => c.Channels).NotEmpty().WithMessage("Phải có ít nhất một cách thức thực hiện.");
        RuleFor(c => c.Steps).NotNull();
        RuleFor(c => c.LegalBasis).NotNull();
        RuleFor(c => c.ProcessingTime).NotNull().WithMessage("Phải ghi thời hạn giải quyết.");
        When(c => c.ProcessingTime is not null, () =>
        {
            RuleFor(c => c.ProcessingTime.WorkingDays).GreaterThanOrEqualTo(0).WithMessage("Thời hạn giải quyết không được âm.");
            RuleFor(c => c.ProcessingTime).Must(t => t.SameDay || t.WorkingDays > 0)
                .WithMessage("Thời hạn giải quyết phải lớn hơn 0 ngày làm việc, hoặc là trong ngày.");
            RuleFor(c => c.ProcessingTime.CutOffHour).InclusiveBetween(0, 23).WithMessage("Giờ tiếp nhận cuối ngày phải từ 0 đến 23.");
        });
        RuleFor(c => c.Components).Cascade(CascadeMode.Stop).NotNull().WithMessage("Phải có danh sách thành phần hồ sơ.")
            .Must(list => list.Where(x => x is not null).Select(x => x.Code).Distinct().Count() == list.Count(x => x is not null))
            .WithMessage("Mã thành phần hồ sơ bị trùng.");
        RuleFor(c => c.Fees).NotNull().WithMessage("Phải có danh sách phí, lệ phí (có thể rỗng).");
        RuleForEach(c => c.Components).NotNull().WithMessage("Thành phần hồ sơ không được để trống.").ChildRules(component =>
        {
            component.RuleFor(x => x.Code).NotEmpty().WithMessage("Thiếu mã thành phần hồ sơ.");
            component.RuleFor(x => x.Name).NotEmpty().WithMessage("Thiếu tên thành phần hồ sơ.");
            component.RuleFor(x => x.Originals).GreaterThanOrEqualTo(0).WithMessage("Số bản chính không được âm.");
            component.RuleFor(x => x.Copies).GreaterThanOrEqualTo(0).WithMessage("Số bản sao không được âm.");
        });
        RuleForEach(c => c.Fees).NotNull().WithMessage("Khoản phí, lệ phí không được để trống.").ChildRules(fee =>
        {
            fee.RuleFor(x => x.Name).NotEmpty().WithMessage("Thiếu tên khoản phí, lệ phí.");
            fee.RuleFor(x => x.Amount).GreaterThanOrEqualTo(0).WithMessage("Mức phí, lệ phí không được âm.");
        });
    }
}

internal sealed class AnnouncingDecisionValidator : AbstractValidator<AnnouncingDecision>
{
    public AnnouncingDecisionValidator()
    {
        RuleFor(d => d.Number).NotEmpty().WithMessage("Phải ghi số quyết định công bố.");
        RuleFor(d => d.Issuer).NotEmpty().WithMessage("Phải ghi cơ quan ban hành quyết định.");
        RuleFor(d => d.SignedOn).NotEqual(default(DateOnly)).WithMessage("Phải ghi ngày ký quyết định.");
        RuleFor(d => d.EffectiveFrom).NotEqual(default(DateOnly)).WithMessage("Phải ghi ngày có hiệu lực.")
            .GreaterThanOrEqualTo(d => d.SignedOn).WithMessage("Ngày có hiệu lực không được trước ngày ký.");
    }
}

internal static class ProcedureCode
{
    /// <summary>National codes look like "1.001193"; local codes may add letters and dashes.</summary>
    public static IRuleBuilderOptions<T, string> ValidProcedureCode<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Thiếu mã thủ tục.")
            .Matches("^[0-9A-Za-z][0-9A-Za-z.\\-]{2,31}$").WithMessage("Mã thủ tục chỉ gồm chữ, số, dấu chấm và gạch ngang (3–32 ký tự).");
}
