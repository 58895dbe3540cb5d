using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using Onestop.Messaging.Authorization;
using Onestop.Messaging.Http;

namespace Onestop.Host;

/// <summary>
/// The OpenAPI 3.1 document of the admin REST API (every endpoint under /api), served at /openapi/admin-v1.json and
/// committed as contracts/openapi/admin-v1.json, from which scripts/generate-api-clients.sh generates the typed
/// clients. Written for generators: every operation has a stable operation id (the command or query it sends),
/// every error is the problem details schema, and operations for officials carry the Bearer scheme and their roles.
/// Public pages, QR images and health probes are not part of it.
/// </summary>
public static class PlatformOpenApi
{
    public const string DocumentName = "admin-v1";
    public const string Route = "/openapi/{documentName}.json";
    public const string DocumentPath = "/openapi/admin-v1.json";

    private const string Problem = "Problem";
    private const string Bearer = "Bearer";

    public static void Configure(OpenApiOptions options)
    {
        options.ShouldInclude = description => description.RelativePath?.StartsWith("api/", StringComparison.Ordinal) == true;
        options.AddOperationTransformer((operation, context, _) =>
        {
            var metadata = context.Description.ActionDescriptor.EndpointMetadata;
            operation.OperationId ??= metadata.OfType<RequestTypeMetadata>().LastOrDefault()?.RequestType.Name;
            var roles = metadata.LastOrDefault(m => m is AllowedRolesAttribute or IAllowAnonymous) as AllowedRolesAttribute;
            DescribeFiles(operation, metadata);
            DescribeRawBody(operation);
            if (metadata.OfType<OptimisticConcurrencyMetadata>().Any())
            {
                DescribeIfMatch(operation);
            }

            DescribeErrors(operation, context.Document!, roles);
            if (roles is not null)
            {
                operation.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(Bearer, context.Document)] = [] }];
                var who = $"Roles: {string.Join(", ", roles.Roles)} (and administrators).";
                operation.Description = operation.Description is null ? who : $"{operation.Description}\n\n{who}";
            }

            return Task.CompletedTask;
        });
        var schemaTypes = new System.Collections.Concurrent.ConcurrentDictionary<string, Type>();
        options.CreateSchemaReferenceId = type => SchemaId(type, schemaTypes);
        options.AddSchemaTransformer((schema, _, _) =>
        {
            // The web JSON defaults also read numbers written as strings; clients are to send numbers, and a generator
            // given "integer or string" types a count as a string.
            if (schema.Type is { } type && (type & (JsonSchemaType.Integer | JsonSchemaType.Number)) != 0 && (type & JsonSchemaType.String) != 0)
            {
                schema.Type = type & ~JsonSchemaType.String;
                schema.Pattern = null;
            }

            // Enums are written as their camelCase names (JsonStringEnumConverter): say they are strings.
            if (schema.Type is null && schema.Enum is { Count: > 0 } values && values.All(v => v?.GetValueKind() == System.Text.Json.JsonValueKind.String))
            {
                schema.Type = JsonSchemaType.String;
            }

            return Task.CompletedTask;
        });
        options.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Một cửa điện tử: admin REST API";
            document.Info.Version = "v1";
            document.Info.Description =
                "Commands and queries of the catalogue, dossiers, documents, statistics and accounts modules for the admin UI. " +
                "Officials authenticate with a Bearer token from POST /api/auth/login (or from the configured OpenID Connect provider). " +
                "Errors are RFC 9457 problem details; validation errors list each field path.";
            // The document is the same whichever address served it: the committed copy must not depend on the request.
            document.Servers = [];
            document.Components ??= new OpenApiComponents();
            document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
            document.Components.SecuritySchemes[Bearer] = new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "JWT",
                Description = "A token from POST /api/auth/login, or from the OpenID Connect provider configured under Auth:Oidc.",
            };
            document.Components.Schemas ??= new Dictionary<string, IOpenApiSchema>();
            document.Components.Schemas[Problem] = ProblemSchema();
            // The framework's schemas that the operations no longer use: raw bodies are inlined as binary (DescribeRawBody),
            // errors are the Problem schema (DescribeErrors).
            foreach (var replaced in new[] { "IFormFile", "Stream", "ProblemDetails" })
            {
                document.Components.Schemas.Remove(replaced);
            }
            return Task.CompletedTask;
        });
    }

    /// <summary>
    /// A type's schema is named by the type (the default), which must name one type only: two modules' records of the
    /// same name would otherwise share one schema, and a generated client would read one with the other's shape.
    /// </summary>
    private static string? SchemaId(System.Text.Json.Serialization.Metadata.JsonTypeInfo type, System.Collections.Concurrent.ConcurrentDictionary<string, Type> names)
    {
        var id = OpenApiOptions.CreateDefaultSchemaReferenceId(type);
        var named = Nullable.GetUnderlyingType(type.Type) ?? type.Type;
        if (id is not null && names.GetOrAdd(id, named) is var first && first != named)
        {
            throw new InvalidOperationException(
                $"The OpenAPI schema name {id} would stand for both {first.FullName} and {named.FullName}: rename one of the types.");
        }

        return id;
    }

    /// <summary>
    /// A response declared with a media type and no .NET type is a file (a printable form, a CSV or XLSX export, a
    /// document's bytes): described as binary, so that generated clients hand it over as a stream rather than parse it.
    /// </summary>
    private static void DescribeFiles(OpenApiOperation operation, IList<object> metadata)
    {
        foreach (var declared in metadata.OfType<IProducesResponseTypeMetadata>()
                     .Where(r => r.StatusCode is >= 200 and < 300 && r.ContentTypes.Any() && (r.Type is null || r.Type == typeof(void))))
        {
            operation.Responses ??= [];
            var status = declared.StatusCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
            if (!operation.Responses.TryGetValue(status, out var response) || response is not OpenApiResponse file)
            {
                continue;
            }

            file.Content ??= new Dictionary<string, OpenApiMediaType>();
            foreach (var mediaType in declared.ContentTypes.Where(t => !file.Content.ContainsKey(t)))
            {
                file.Content[mediaType] = new OpenApiMediaType { Schema = Binary() };
            }
        }
    }

    /// <summary>
    /// A raw body accepted whatever its Content-Type (an upload, whose media type is sniffed from its bytes) is declared
    /// as application/octet-stream: "*/*" makes generators send a JSON-encoded object instead of the bytes.
    /// </summary>
    private static void DescribeRawBody(OpenApiOperation operation)
    {
        if (operation.RequestBody is not OpenApiRequestBody { Content: { } content })
        {
            return;
        }

        foreach (var (mediaType, _) in content.Where(c => c.Value.Schema is { Format: "binary" }).ToList())
        {
            content[mediaType] = new OpenApiMediaType { Schema = Binary() };
        }

        if (content.Remove("*/*", out var any) && any.Schema is { Format: "binary" })
        {
            content.TryAdd("application/octet-stream", any);
        }
    }

    private static OpenApiSchema Binary() => new() { Type = JsonSchemaType.String, Format = "binary" };

    private static void DescribeIfMatch(OpenApiOperation operation)
    {
        operation.Parameters ??= [];
        operation.Parameters.Add(new OpenApiParameter
        {
            Name = "If-Match",
            In = ParameterLocation.Header,
            Required = false,
            Description = "The ETag (version) the official last saw, e.g. \"3\"; the request is refused with 412 if the dossier has changed since. "
                + "Without it the request acts on the latest version.",
            Schema = new OpenApiSchema { Type = JsonSchemaType.String },
        });
        foreach (var response in operation.Responses?.Where(r => r.Key.StartsWith('2')).Select(r => r.Value).OfType<OpenApiResponse>() ?? [])
        {
            response.Headers ??= new Dictionary<string, IOpenApiHeader>();
            response.Headers["ETag"] = new OpenApiHeader { Description = "The dossier's new version.", Schema = new OpenApiSchema { Type = JsonSchemaType.String } };
        }
    }

    /// <summary>
    /// Every operation answers errors as problem details: refusals of the caller where it needs one, and a default
    /// response for the rest (validation 400, not found 404, conflict 409, a lost If-Match race 412, and so on).
    /// </summary>
    private static void DescribeErrors(OpenApiOperation operation, OpenApiDocument document, AllowedRolesAttribute? roles)
    {
        operation.Responses ??= [];
        foreach (var (status, response) in operation.Responses.Where(r => !r.Key.StartsWith('2') && r.Value.Content?.Count > 0).ToList())
        {
            operation.Responses[status] = ProblemResponse(document, response.Description ?? "Refused: the problem says why.");
        }

        if (roles is not null)
        {
            operation.Responses["401"] = ProblemResponse(document, "Not signed in, or the token is invalid or expired.");
            operation.Responses["403"] = ProblemResponse(document, "The signed-in official has none of the roles this operation needs.");
        }

        operation.Responses["default"] = ProblemResponse(document, "The request was refused or failed: the problem says why.");
    }

    private static OpenApiResponse ProblemResponse(OpenApiDocument document, string description) => new()
    {
        Description = description,
        Content = new Dictionary<string, OpenApiMediaType>
        {
            ["application/problem+json"] = new() { Schema = new OpenApiSchemaReference(Problem, document) },
        },
    };

    /// <summary>What <see cref="Onestop.Errors.ProblemDetailsMapping"/> writes.</summary>
    private static OpenApiSchema ProblemSchema() => new()
    {
        Type = JsonSchemaType.Object,
        Description = "RFC 9457 problem details. Titles and details are Vietnamese: officials read them.",
        Properties = new Dictionary<string, IOpenApiSchema>
        {
            ["type"] = Text("urn:onestop:problem:{code}"),
            ["title"] = Text("The kind of error, in Vietnamese."),
            ["status"] = new OpenApiSchema { Type = JsonSchemaType.Integer, Format = "int32", Description = "The HTTP status code." },
            ["detail"] = Text("What went wrong and what to do, in Vietnamese."),
            ["instance"] = Text("The request that failed."),
            ["code"] = Text("A stable machine-readable code, e.g. dossier.illegal_transition."),
            ["errors"] = new OpenApiSchema
            {
                Type = JsonSchemaType.Object,
                Description = "Validation errors: each field path (e.g. applicant.identityNumber) with its messages.",
                AdditionalProperties = new OpenApiSchema { Type = JsonSchemaType.Array, Items = new OpenApiSchema { Type = JsonSchemaType.String } },
            },
            ["correlationId"] = Text("Find the request in the logs with it."),
        },
        Examples = [new JsonObject { ["type"] = "urn:onestop:problem:validation", ["title"] = "Dữ liệu không hợp lệ", ["status"] = 400 }],
    };

    /// <summary>The document, and Swagger UI over it at /swagger ("Authorize" takes a token from POST /api/auth/login).</summary>
    public static void MapPlatformOpenApi(this WebApplication app)
    {
        app.MapOpenApi(Route);
        app.UseSwaggerUI(ui =>
        {
            ui.RoutePrefix = "swagger";
            ui.DocumentTitle = "Một cửa điện tử: admin REST API";
            ui.SwaggerEndpoint(DocumentPath, "admin v1");
            ui.EnablePersistAuthorization();
            ui.DisplayOperationId();
        });
    }

    private static OpenApiSchema Text(string description) => new() { Type = JsonSchemaType.String | JsonSchemaType.Null, Description = description };
}
