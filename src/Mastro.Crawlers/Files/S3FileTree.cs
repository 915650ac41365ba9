using System.Runtime.CompilerServices;
using Amazon.S3;
using Amazon.S3.Model;
using Mastro.Crawlers.S3;

namespace Mastro.Crawlers.Files;

/// <summary>Every object under a bucket prefix, listed page by page (ListObjectsV2), so any number of objects works.</summary>
public sealed class S3FileTree(IAmazonS3 client, S3Root location) : IFileTree
{
    public string Location => location.ToString();

    public async IAsyncEnumerable<TreeEntry> ListAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var request = new ListObjectsV2Request { BucketName = location.Bucket, Prefix = location.Prefix };
        do
        {
            var page = await client.ListObjectsV2Async(request, cancellationToken);
            foreach (var entry in page.S3Objects ?? [])
            {
                if (entry.Key.EndsWith('/')) continue; // folder marker objects hold no content
                yield return new TreeFile(entry.Key, entry.Key[location.Prefix.Length..]);
            }
            request.ContinuationToken = page.NextContinuationToken;
        } while (!string.IsNullOrEmpty(request.ContinuationToken));
    }

    public async Task<Stream> OpenReadAsync(TreeFile file, CancellationToken cancellationToken)
    {
        try
        {
            var response = await client.GetObjectAsync(location.Bucket, file.Path, cancellationToken);
            return response.ResponseStream;
        }
        catch (AmazonS3Exception e) when ((int)e.StatusCode is >= 400 and < 500)
        {
            // One unreadable object (deleted since listing, no permission) is a skip, not a failed run.
            throw new IOException($"{(int)e.StatusCode} {e.ErrorCode}: {e.Message}", e);
        }
    }

    public ValueTask DisposeAsync()
    {
        client.Dispose();
        return ValueTask.CompletedTask;
    }
}
