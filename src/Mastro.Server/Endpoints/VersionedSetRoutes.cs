using System.Text.Json.Serialization.Metadata;
using Mastro.Core.Model;

namespace Mastro.Server.Endpoints;

/// <summary>What differs between the feature store's and the metric store's routes: paths, wording, serializers.</summary>
internal sealed record VersionedSetRoutes<TSet>(
    string BasePath,
    string HealthPath,
    string Noun,
    JsonTypeInfo<TSet> SetJson,
    JsonTypeInfo<Page<TSet>> PageJson) where TSet : class, IVersionedSet;
