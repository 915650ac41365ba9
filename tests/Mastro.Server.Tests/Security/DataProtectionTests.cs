using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;

namespace Mastro.Server.Tests.Security;

/// <summary>
/// Mastro issues no cookies, so nothing may register data protection: it would make a key ring (a key file under
/// $HOME/.aspnet) at every start, for nothing.
/// </summary>
public sealed class DataProtectionTests(SecureApiFactory secure) : IClassFixture<SecureApiFactory>
{
    [Fact]
    public void A_server_with_token_authentication_has_no_data_protection()
    {
        Assert.Null(secure.Services.GetService<IDataProtectionProvider>());
    }
}
