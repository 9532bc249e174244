using ReferenceNN.Oracle;
using System.IO;
using System.Text.RegularExpressions;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

public class ProducerTests
{
    [Fact]
    public void Version_IsTheOneInDirectoryBuildProps()
    {
        string props = File.ReadAllText(Repository.PathOf("Directory.Build.props"));
        string version = Regex.Match(props, "<Version>(?<v>[^<]+)</Version>").Groups["v"].Value;
        Assert.Matches(@"^\d+\.\d+\.\d+$", version);
        Assert.Equal(version, Producer.Version);
        Assert.Equal("ReferenceNN " + version, Producer.Name);
    }
}
