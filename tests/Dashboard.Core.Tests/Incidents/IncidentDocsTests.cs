using Dashboard.Core.Incidents;
using Dashboard.TestSupport;

namespace Dashboard.Core.Tests.Incidents;

public class IncidentDocsTests
{
    [Fact]
    public void The_lifecycle_diagram_in_the_docs_matches_the_transition_table()
    {
        var doc = File.ReadAllText(Path.Combine(TestPaths.RepositoryRoot, "docs", "incidents.md")).ReplaceLineEndings("\n");

        Assert.Contains(IncidentTransitions.ToMermaid(), doc);
    }
}
