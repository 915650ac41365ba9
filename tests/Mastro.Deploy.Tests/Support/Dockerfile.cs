using System.Text.Json;

namespace Mastro.Deploy.Tests.Support;

/// <summary>A Dockerfile read into its stages and instructions (line continuations joined, comments dropped).</summary>
public sealed record Dockerfile(IReadOnlyList<Dockerfile.Stage> Stages)
{
    public sealed record Instruction(string Keyword, string Arguments)
    {
        /// <summary>The exec form <c>["a", "b"]</c> as a list.</summary>
        public IReadOnlyList<string> ExecForm => JsonSerializer.Deserialize<string[]>(Arguments) ?? [];
    }

    public sealed record Stage(string Image, string? Name, IReadOnlyList<Instruction> Instructions)
    {
        public IEnumerable<Instruction> All(string keyword) => Instructions.Where(i => i.Keyword == keyword);
        public Instruction? Last(string keyword) => All(keyword).LastOrDefault();
    }

    public Stage Final => Stages[^1];

    public Stage Named(string name) => Stages.Single(s => s.Name == name);

    public static Dockerfile Parse(string text)
    {
        var stages = new List<Stage>();
        foreach (var line in LogicalLines(text))
        {
            var space = line.IndexOf(' ');
            var keyword = (space < 0 ? line : line[..space]).ToUpperInvariant();
            var arguments = space < 0 ? "" : line[(space + 1)..].Trim();
            if (keyword == "FROM")
            {
                var parts = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                stages.Add(new Stage(parts[0], parts.Length == 3 && parts[1].Equals("AS", StringComparison.OrdinalIgnoreCase) ? parts[2] : null, []));
            }
            else
            {
                var current = stages[^1];
                stages[^1] = current with { Instructions = [.. current.Instructions, new Instruction(keyword, arguments)] };
            }
        }
        return new Dockerfile(stages);
    }

    private static IEnumerable<string> LogicalLines(string text)
    {
        var pending = "";
        foreach (var raw in text.Split('\n'))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || (line.Length == 0 && pending.Length == 0)) continue;
            if (line.EndsWith('\\'))
            {
                pending += line[..^1] + " ";
                continue;
            }
            var logical = (pending + line).Trim();
            pending = "";
            if (logical.Length > 0) yield return logical;
        }
    }
}
