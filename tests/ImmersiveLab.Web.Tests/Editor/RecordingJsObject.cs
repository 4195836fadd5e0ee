using Microsoft.JSInterop;

namespace ImmersiveLab.Web.Tests.Editor;

/// <summary>
/// Stands for the browser's editor handle (a JS object): records what the component calls on it, and can fail every
/// call as a page that is gone would. (bUnit has no real browser; the real script is exercised by the Playwright tests.)
/// </summary>
public sealed class RecordingJsObject(Exception? failWith = null) : IJSObjectReference
{
    private readonly List<(string Method, object?[] Args)> _calls = [];

    public IReadOnlyList<(string Method, object?[] Args)> Calls => _calls;
    public bool Released { get; private set; }
    /// <summary>What <c>dispose</c> returns: text typed but not yet reported.</summary>
    public string? Unreported { get; set; }

    public IEnumerable<string> Methods => _calls.Select(c => c.Method);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, object?[]? args) =>
        InvokeAsync<TValue>(identifier, CancellationToken.None, args);

    public ValueTask<TValue> InvokeAsync<TValue>(string identifier, CancellationToken cancellationToken, object?[]? args)
    {
        _calls.Add((identifier, args ?? []));
        if (failWith is not null) return ValueTask.FromException<TValue>(failWith);
        object? result = identifier == "dispose" ? Unreported : null;
        return ValueTask.FromResult((TValue)result!);
    }

    public ValueTask DisposeAsync()
    {
        Released = true;
        return failWith is null ? ValueTask.CompletedTask : ValueTask.FromException(failWith);
    }

    public ValueTask<IJSObjectReference> InvokeConstructorAsync(string identifier, object?[]? args) => throw new NotSupportedException();
    public ValueTask<IJSObjectReference> InvokeConstructorAsync(string identifier, CancellationToken cancellationToken, object?[]? args) => throw new NotSupportedException();
    public ValueTask<TValue> GetValueAsync<TValue>(string identifier) => throw new NotSupportedException();
    public ValueTask<TValue> GetValueAsync<TValue>(string identifier, CancellationToken cancellationToken) => throw new NotSupportedException();
    public ValueTask SetValueAsync<TValue>(string identifier, TValue value) => throw new NotSupportedException();
    public ValueTask SetValueAsync<TValue>(string identifier, TValue value, CancellationToken cancellationToken) => throw new NotSupportedException();
}
