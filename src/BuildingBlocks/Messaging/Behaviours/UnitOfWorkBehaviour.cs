using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using MediatR;
using Npgsql;
using Onestop.Errors;
using Onestop.EventStore;

namespace Onestop.Messaging.Behaviours;

/// <summary>
/// One transaction per command, shared by its appends, inline projections and idempotency record.
/// Store-level failures leave here translated into the error model.
/// </summary>
public sealed class UnitOfWorkBehaviour<TRequest, TResponse>(EventStoreSession session) : IPipelineBehavior<TRequest, TResponse>
{
    public async Task<TResponse> Handle(TRequest request, CancellationToken cancellationToken, RequestHandlerDelegate<TResponse> next)
    {
        if (request is not ICommand<TResponse> || session.InTransaction)
        {
            return await next();
        }

        try
        {
            var key = (request as IIdempotentCommand)?.IdempotencyKey;
            if (key is not null)
            {
                key = $"{typeof(TRequest).Name}:{key}";
                var claim = await session.ClaimIdempotencyKeyAsync(key, RequestHash(request), cancellationToken);
                if (!claim.Claimed)
                {
                    await session.RollbackAsync(cancellationToken);
                    return JsonSerializer.Deserialize<TResponse>(claim.StoredResponse!, EventTypeRegistry.SerializerOptions)!;
                }
            }

            var response = await next();
            if (key is not null)
            {
                await session.CompleteIdempotencyKeyAsync(key, JsonSerializer.Serialize(response, EventTypeRegistry.SerializerOptions), cancellationToken);
            }

            await session.CommitAsync(cancellationToken);
            return response;
        }
        catch (WrongExpectedVersionException e)
        {
            throw new AppException(ErrorKind.Concurrency, "concurrency", "Hồ sơ vừa được người khác cập nhật. Vui lòng tải lại và thực hiện lại.", inner: e);
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected)
        {
            throw new AppException(ErrorKind.Concurrency, "concurrency", "Dữ liệu đang được cập nhật đồng thời. Vui lòng thực hiện lại.", inner: e);
        }
        catch (IdempotencyKeyReusedException e)
        {
            throw new AppException(ErrorKind.Conflict, "idempotency_key_reused", "Khóa chống trùng lặp đã được dùng cho một yêu cầu khác.", inner: e);
        }
        catch (StreamArchivedException e)
        {
            throw new AppException(ErrorKind.Conflict, "stream_archived", "Hồ sơ đã được lưu trữ, không thể thay đổi.", inner: e);
        }
        finally
        {
            await session.RollbackAsync(CancellationToken.None);
        }
    }

    private static byte[] RequestHash(TRequest request) =>
        SHA256.HashData(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(request, EventTypeRegistry.SerializerOptions)));
}
