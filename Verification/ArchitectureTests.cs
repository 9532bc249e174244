using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using ReferenceNN.Verification.Support;
using Xunit;

namespace ReferenceNN.Verification;

/// <summary>
/// The shape of the library, as docs/Architecture.md describes it: namespaces depend in one direction only, and the
/// package's public surface is exactly the one listed in docs/PublicApi.md.
/// </summary>
public partial class ArchitectureTests
{
    /// <summary>Which namespaces each library namespace may use (besides itself). Nothing may use a namespace above it.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["ReferenceNN"] = [],
        ["ReferenceNN.Formulas"] = ["ReferenceNN"],
        ["ReferenceNN.FastKernels"] = ["ReferenceNN", "ReferenceNN.Formulas"],
        ["ReferenceNN.Activations"] = ["ReferenceNN", "ReferenceNN.Formulas"],
        ["ReferenceNN.Losses"] = ["ReferenceNN", "ReferenceNN.Formulas"],
        ["ReferenceNN.Layers"] = ["ReferenceNN", "ReferenceNN.Formulas", "ReferenceNN.FastKernels", "ReferenceNN.Activations"],
        ["ReferenceNN.Networks"] = ["ReferenceNN", "ReferenceNN.Layers", "ReferenceNN.Losses"],
        ["ReferenceNN.Checking"] = ["ReferenceNN", "ReferenceNN.Layers", "ReferenceNN.Losses", "ReferenceNN.Networks"],
    };

    [GeneratedRegex(@"^namespace (?<ns>[\w.]+);", RegexOptions.Multiline)]
    private static partial Regex NamespaceLine();

    [GeneratedRegex(@"^using (?<ns>ReferenceNN[\w.]*);", RegexOptions.Multiline)]
    private static partial Regex UsingLine();

    [GeneratedRegex(@"(?<![\w.])(?<ns>Formulas|FastKernels|Activations|Losses|Layers|Networks|Checking)\.[A-Z]")]
    private static partial Regex QualifiedUse();

    [Fact]
    public void LibraryNamespaces_DependInOneDirectionOnly()
    {
        var wrong = new List<string>();
        int files = 0;
        foreach (string file in Directory.EnumerateFiles(Repository.PathOf("Reference/Library"), "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            files++;
            string text = File.ReadAllText(file);
            string own = NamespaceLine().Match(text).Groups["ns"].Value;
            Assert.True(Allowed.ContainsKey(own), $"{file}: namespace {own} is not in the architecture's list");
            var used = new HashSet<string>(UsingLine().Matches(text).Select(m => m.Groups["ns"].Value));
            foreach (Match m in QualifiedUse().Matches(text)) used.Add("ReferenceNN." + m.Groups["ns"].Value);
            foreach (string ns in used.Where(ns => ns != own && !Allowed[own].Contains(ns)))
            {
                wrong.Add($"{Path.GetRelativePath(Repository.Root, file)} ({own}) uses {ns}");
            }
        }
        Assert.True(files > 50, $"only {files} files were read");
        Assert.True(wrong.Count == 0, "namespace dependencies against the architecture:\n" + string.Join("\n", wrong));
    }

    [Fact]
    public void Allowed_HasNoCycle()
    {
        // Kahn's algorithm: every namespace can be ordered after those it uses.
        var remaining = Allowed.ToDictionary(e => e.Key, e => e.Value.ToHashSet());
        while (remaining.Count > 0)
        {
            string? free = remaining.Keys.FirstOrDefault(k => remaining[k].All(d => !remaining.ContainsKey(d)));
            Assert.True(free is not null, "a cycle among: " + string.Join(", ", remaining.Keys));
            remaining.Remove(free!);
        }
    }

    /// <summary>
    /// The package's public surface, listed in docs/PublicApi.md: a change to it fails here, so it cannot change
    /// unnoticed (accept a deliberate change with bash Verification/accept-golden.sh and say why in the CHANGELOG).
    /// </summary>
    [Fact]
    public void PublicApi_IsTheListedOne() => Golden.AssertMatches("docs/PublicApi.md", PublicApiPage());

    internal static string PublicApiPage()
    {
        var text = new StringBuilder();
        text.Append("# The public API of the ReferenceNN package\n\n");
        text.Append("Every public type and member of the library (`Reference/Library`, the `ReferenceNN` package), generated from the\n");
        text.Append("assembly by `ArchitectureTests.PublicApi_IsTheListedOne`, which fails when the surface changes and this page does not.\n");
        text.Append("The oracle (`Reference/Oracle`) and the command line (`Reference/Cli`) are not part of the package. Namespaces, from the\n");
        text.Append("bottom up, are described in [Architecture](Architecture.md).\n");
        Assembly assembly = typeof(Tensor).Assembly;
        foreach (IGrouping<string?, Type> group in assembly.GetExportedTypes().OrderBy(t => t.FullName, StringComparer.Ordinal).GroupBy(t => t.Namespace))
        {
            text.Append($"\n## {group.Key}\n\n```\n");
            foreach (Type type in group)
            {
                text.Append(Describe(type)).Append('\n');
                foreach (string member in Members(type)) text.Append("    ").Append(member).Append('\n');
            }
            text.Append("```\n");
        }
        return text.ToString();
    }

    private static string Describe(Type type)
    {
        string kind = type.IsEnum ? "enum" : type.IsInterface ? "interface" : type.IsValueType ? (type.IsByRefLike ? "ref struct" : "struct")
            : type.IsAbstract && type.IsSealed ? "static class" : type.IsAbstract ? "abstract class" : type.IsSealed ? "sealed class" : "class";
        string name = Name(type);
        string baseType = type.BaseType is { } b && b != typeof(object) && b != typeof(ValueType) && b != typeof(Enum) ? " : " + Name(b) : "";
        return $"{kind} {name}{baseType}";
    }

    private static IEnumerable<string> Members(Type type)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var lines = new List<string>();
        foreach (MemberInfo member in type.GetMembers(flags))
        {
            switch (member)
            {
                case ConstructorInfo c when Visible(c) && !type.IsAbstract | c.IsFamily:
                    lines.Add($"{Access(c)}{Name(type).Split('<')[0]}({Parameters(c)})");
                    break;
                case MethodInfo m when Visible(m) && !m.IsSpecialName && m.DeclaringType == type && !IsRecordPlumbing(m):
                    lines.Add($"{Access(m)}{(m.IsStatic ? "static " : m.IsAbstract ? "abstract " : "")}{Name(m.ReturnType)} {m.Name}{Generic(m)}({Parameters(m)})");
                    break;
                case PropertyInfo p when (p.GetMethod is { } g && Visible(g)) || (p.SetMethod is { } s && Visible(s)):
                    lines.Add($"{Access(p.GetMethod ?? p.SetMethod!)}{Name(p.PropertyType)} {(p.GetIndexParameters().Length > 0 ? $"this[{string.Join(", ", p.GetIndexParameters().Select(x => Name(x.ParameterType)))}]" : p.Name)} {{ {(p.GetMethod is { } pg && Visible(pg) ? "get; " : "")}{(p.SetMethod is { } ps && Visible(ps) ? (ps.ReturnParameter.GetRequiredCustomModifiers().Any(t => t.Name == "IsExternalInit") ? "init; " : "set; ") : "")}}}");
                    break;
                case FieldInfo f when (f.IsPublic || f.IsFamily) && !f.IsSpecialName:
                    lines.Add(type.IsEnum ? f.Name : $"{(f.IsLiteral ? "const " : f.IsStatic ? "static " : "")}{Name(f.FieldType)} {f.Name}");
                    break;
            }
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static bool IsRecordPlumbing(MethodInfo m) => m.Name is "<Clone>$" or "PrintMembers" or "Deconstruct" && m.DeclaringType!.GetMethod("<Clone>$") is not null;

    private static bool Visible(MethodBase m) => m.IsPublic || m.IsFamily || m.IsFamilyOrAssembly;

    private static string Access(MethodBase m) => m.IsPublic ? "" : "protected ";

    private static string Generic(MethodInfo m) => m.IsGenericMethod ? "<" + string.Join(", ", m.GetGenericArguments().Select(a => a.Name)) + ">" : "";

    private static string Parameters(MethodBase m) => string.Join(", ", m.GetParameters().Select(p => $"{Name(p.ParameterType)} {p.Name}"));

    private static string Name(Type t)
    {
        if (t.IsByRef) return "ref " + Name(t.GetElementType()!);
        if (t.IsArray) return Name(t.GetElementType()!) + "[]";
        if (t.IsGenericParameter) return t.Name;
        if (Nullable.GetUnderlyingType(t) is { } inner) return Name(inner) + "?";
        string name = t.Namespace is "System" or "System.Collections.Generic" ? t.Name : t.FullName?.Replace("ReferenceNN.", "") ?? t.Name;
        if (!t.IsGenericType) return name switch { "Double" => "double", "Single" => "float", "Int32" => "int", "Boolean" => "bool", "String" => "string", "Void" => "void", "UInt64" => "ulong", "Int64" => "long", "Object" => "object", _ => name };
        string bare = name.Split('`')[0];
        return $"{bare}<{string.Join(", ", t.GetGenericArguments().Select(Name))}>";
    }
}
