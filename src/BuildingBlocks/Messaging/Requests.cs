using MediatR;

namespace Onestop.Messaging;

/// <summary>A command changes state: it runs in one transaction shared by its appends and inline projections.</summary>
public interface ICommand<out TResponse> : IRequest<TResponse>;

/// <summary>A command a remote caller may retry: the same key returns the first outcome and appends nothing more.</summary>
public interface IIdempotentCommand
{
    string? IdempotencyKey { get; }
}

/// <summary>A query reads; it never opens a write transaction.</summary>
public interface IQuery<out TResponse> : IRequest<TResponse>;
