using Amazon.Runtime;
using Amazon.S3;

namespace Mastro.Crawlers.S3;

/// <summary>Builds an S3 client that works with AWS, MinIO and s3rver alike.</summary>
public static class S3ClientFactory
{
    public static IAmazonS3 Create(S3Settings settings, TimeSpan timeout)
    {
        var config = new AmazonS3Config
        {
            ForcePathStyle = settings.PathStyle,
            AuthenticationRegion = settings.Region,
            Timeout = timeout,
            // MinIO-compatible servers do not all understand the SDK's default checksums (see DEPENDENCIES.md).
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        };
        if (settings.ServiceUrl is { } url)
            config.ServiceURL = url;
        else
            config.RegionEndpoint = Amazon.RegionEndpoint.GetBySystemName(settings.Region);
        return settings.AccessKeyId is not null
            ? new AmazonS3Client(new BasicAWSCredentials(settings.AccessKeyId, settings.SecretAccessKey), config)
            : new AmazonS3Client(config);
    }
}
