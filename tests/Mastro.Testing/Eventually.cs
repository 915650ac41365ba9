namespace Mastro.Testing;

/// <summary>
/// For what happens a moment after the call a test can wait for (an audit entry written once its answer is complete,
/// a background checkpoint after a commit): poll briefly until it is done or the time is up.
/// </summary>
public static class Eventually
{
    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        while (true)
        {
            var value = await read();
            if (done(value) || DateTime.UtcNow > deadline) return value;
            await Task.Delay(20);
        }
    }
}
