using System.Text;
using Mastro.Crawlers.SparkLogs;
using Mastro.Testing;

namespace Mastro.Crawlers.Tests.SparkLogs;

public sealed class ZstdDecompressionStreamTests
{
    [Fact]
    public async Task Decompresses_the_zstd_fixture_to_the_same_lines_as_the_zstd_tool()
    {
        using var directory = new TempDirectory();
        var expected = directory.File("expected.json");
        await ExternalProcess.RunAsync("zstd", ["-q", "-d", SparkLogFixtures.Plain("createdatasourcetable_eventlog.zstd"), "-o", expected]);

        await using var stream = new ZstdDecompressionStream(File.OpenRead(SparkLogFixtures.Plain("createdatasourcetable_eventlog.zstd")));
        using var reader = new StreamReader(stream);
        var actual = await reader.ReadToEndAsync();

        Assert.Equal(await File.ReadAllTextAsync(expected), actual);
        Assert.StartsWith("{\"Event\":\"SparkListenerLogStart\"", actual);
    }

    [Fact]
    public async Task Reads_several_concatenated_frames_and_large_content_with_small_reads()
    {
        using var directory = new TempDirectory();
        var first = string.Concat(Enumerable.Range(0, 50_000).Select(i => $"line {i}\n"));
        var second = "second frame\n";
        await File.WriteAllTextAsync(directory.File("a"), first);
        await File.WriteAllTextAsync(directory.File("b"), second);
        await ExternalProcess.RunAsync("zstd", ["-q", directory.File("a"), "-o", directory.File("a.zst")]);
        await ExternalProcess.RunAsync("zstd", ["-q", directory.File("b"), "-o", directory.File("b.zst")]);
        var both = (await File.ReadAllBytesAsync(directory.File("a.zst"))).Concat(await File.ReadAllBytesAsync(directory.File("b.zst"))).ToArray();

        using var stream = new ZstdDecompressionStream(new MemoryStream(both));
        var output = new MemoryStream();
        var buffer = new byte[7];
        int read;
        while ((read = stream.Read(buffer, 0, buffer.Length)) > 0) output.Write(buffer, 0, read);

        Assert.Equal(first + second, Encoding.UTF8.GetString(output.ToArray()));
    }

    [Fact]
    public async Task A_truncated_file_is_an_error_unless_the_log_is_still_being_written()
    {
        using var directory = new TempDirectory();
        var content = string.Concat(Enumerable.Range(0, 100_000).Select(i => $"{{\"Event\":\"line\",\"n\":{i}}}\n"));
        await File.WriteAllTextAsync(directory.File("log"), content);
        await ExternalProcess.RunAsync("zstd", ["-q", "-1", directory.File("log"), "-o", directory.File("log.zstd")]);
        var compressed = await File.ReadAllBytesAsync(directory.File("log.zstd"));
        var cut = compressed[..(compressed.Length * 6 / 10)];

        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            using var reader = new StreamReader(new ZstdDecompressionStream(new MemoryStream(cut)));
            await reader.ReadToEndAsync();
        });
        Assert.Contains("truncated", error.Message);

        using var tolerant = new StreamReader(new ZstdDecompressionStream(new MemoryStream(cut), allowTruncated: true));
        var partial = await tolerant.ReadToEndAsync();
        Assert.InRange(partial.Length, content.Length / 4, content.Length - 1);
        Assert.StartsWith(partial, content);
    }

    [Fact]
    public async Task Garbage_is_reported_as_corrupt_data()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(async () =>
        {
            using var reader = new StreamReader(new ZstdDecompressionStream(new MemoryStream(Encoding.ASCII.GetBytes("definitely not zstd"))));
            await reader.ReadToEndAsync();
        });
        Assert.Contains("corrupt zstd data", error.Message);
    }
}
