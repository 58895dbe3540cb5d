using System.Text;
using FluentValidation;
using MediatR;
using Onestop.Errors;

namespace Onestop.Messaging.Behaviours;

/// <summary>Runs every validator of the request and reports all failures at once, each with its field path.</summary>
public sealed class ValidationBehaviour<TRequest, TResponse>(IEnumerable<IValidator<TRequest>> validators)
    : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        var failures = new List<FieldError>();
        foreach (var validator in validators)
        {
            var result = await validator.ValidateAsync(new ValidationContext<TRequest>(request), cancellationToken);
            failures.AddRange(result.Errors.Select(f => new FieldError(FieldPath(f.PropertyName), f.ErrorMessage, f.ErrorCode)));
        }

        return failures.Count > 0 ? throw AppException.Validation(failures) : await next();
    }

    /// <summary>"Applicant.IdentityNumber" becomes "applicant.identityNumber", as the JSON the caller sent names it.</summary>
    internal static string FieldPath(string propertyName)
    {
        var path = new StringBuilder(propertyName.Length);
        var startOfSegment = true;
        foreach (var c in propertyName)
        {
            path.Append(startOfSegment ? char.ToLowerInvariant(c) : c);
            startOfSegment = c is '.' or ']';
        }

        return path.ToString();
    }
}
