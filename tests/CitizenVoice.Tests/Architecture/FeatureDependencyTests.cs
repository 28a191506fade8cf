using System.Reflection;
using System.Reflection.Emit;
using CitizenVoice.Infrastructure;
using Xunit.Abstractions;

namespace CitizenVoice.Tests.Architecture;

/// <summary>
/// The rule of docs/architecture.md, kept true by the compiled code itself: feature folders may use each other only
/// one way (no cycles), and the folders every feature uses (Access, Audit, Settings, Shared) use only each other. Reads the application
/// assembly's types, signatures and method bodies (IL), including the classes Razor compiles from the pages, so a
/// dependency hidden in a lambda, an async method or a .cshtml file counts too.
/// </summary>
public sealed class FeatureDependencyTests(ITestOutputHelper output)
{
    /// <summary>What every feature may use: roles and policies, the audit trail, the site's settings, the layout and menus.</summary>
    private static readonly string[] Foundations = ["Access", "Audit", "Settings", "Shared"];

    [Fact]
    public void Feature_folders_depend_on_each_other_without_cycles()
    {
        var graph = FeatureGraph.Of(typeof(Program).Assembly);
        foreach (var (feature, uses) in graph.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{feature} → {string.Join(", ", uses.Keys.Order(StringComparer.Ordinal))}");
            foreach (var (other, example) in uses.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                output.WriteLine($"    {other}: {example}");
            }
        }

        var cycles = FeatureGraph.Cycles(graph);
        Assert.True(cycles.Count == 0,
            "Feature folders that depend on each other in a circle: " + string.Join("; ", cycles.Select(c => string.Join(" ⇄ ", c))));
    }

    [Fact]
    public void The_foundations_use_no_feature_built_on_them()
    {
        var graph = FeatureGraph.Of(typeof(Program).Assembly);
        foreach (var foundation in Foundations)
        {
            var uses = graph.GetValueOrDefault(foundation, []).Keys.Except(Foundations).ToList();
            Assert.True(uses.Count == 0, $"{foundation} uses {string.Join(", ", uses)}");
        }
    }

    [Fact]
    public void The_checker_reads_method_bodies_not_only_signatures()
    {
        // If the IL reader missed method bodies, a dependency written only inside a handler would vanish and the cycle
        // check above would pass for the wrong reason.
        var method = typeof(FeatureDependencyTests).GetMethod(nameof(UsesTheClockOnlyInsideItsBody), BindingFlags.NonPublic | BindingFlags.Static)!;
        Assert.Contains(typeof(VietnamTime), FeatureGraph.TypesInBody(method));
    }

    private static int UsesTheClockOnlyInsideItsBody() => VietnamTime.Today(DateTime.UnixEpoch).Year;
}

/// <summary>Which feature folders each feature folder uses, read from the compiled types and their IL.</summary>
internal static class FeatureGraph
{
    private const string Prefix = "CitizenVoice.Features.";
    private const string RazorPrefix = "Features_";

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!)
        .ToDictionary(o => o.Value);

    /// <summary>For each feature, the features it uses, each with one example of a use (for the failure message).</summary>
    public static Dictionary<string, Dictionary<string, string>> Of(Assembly assembly)
    {
        var graph = new Dictionary<string, Dictionary<string, string>>(StringComparer.Ordinal);
        foreach (var type in assembly.GetTypes())
        {
            if (FeatureOf(type) is not { } feature)
            {
                continue;
            }

            var uses = graph.TryGetValue(feature, out var known) ? known : graph[feature] = new(StringComparer.Ordinal);
            foreach (var used in TypesUsedBy(type))
            {
                if (FeatureOf(used) is { } other && other != feature)
                {
                    uses.TryAdd(other, $"{type.FullName} uses {used.FullName}");
                }
            }
        }

        return graph;
    }

    /// <summary>Strongly connected groups of two or more features (Tarjan's algorithm).</summary>
    public static List<List<string>> Cycles(Dictionary<string, Dictionary<string, string>> graph)
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var cycles = new List<List<string>>();

        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in graph.GetValueOrDefault(node, []).Keys)
            {
                if (!index.TryGetValue(next, out var nextIndex))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], nextIndex);
                }
            }

            if (low[node] == index[node])
            {
                var group = new List<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    group.Add(member);
                }
                while (member != node);
                if (group.Count > 1)
                {
                    cycles.Add(group);
                }
            }
        }

        foreach (var node in graph.Keys.Order(StringComparer.Ordinal))
        {
            if (!index.ContainsKey(node))
            {
                Visit(node);
            }
        }

        return cycles;
    }

    private static string? FeatureOf(Type type)
    {
        while (type.DeclaringType is { } outer)
        {
            type = outer;
        }

        if (type.Namespace is { } ns && ns.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return ns[Prefix.Length..].Split('.')[0];
        }

        // Razor compiles Features/Surveys/Intake/SurveyForm.cshtml to AspNetCoreGeneratedDocument.Features_Surveys_Intake_SurveyForm;
        // Features/_ViewStart.cshtml (Features__ViewStart) belongs to no feature.
        var folder = type.Namespace == "AspNetCoreGeneratedDocument" && type.Name.StartsWith(RazorPrefix, StringComparison.Ordinal)
            ? type.Name[RazorPrefix.Length..].Split('_')[0]
            : "";
        return folder.Length > 0 ? folder : null;
    }

    private static IEnumerable<Type> TypesUsedBy(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        var found = new List<Type>();
        if (type.BaseType is { } baseType)
        {
            found.Add(baseType);
        }

        found.AddRange(type.GetInterfaces());
        found.AddRange(type.GetFields(all).Select(f => f.FieldType));
        found.AddRange(type.GetProperties(all).Select(p => p.PropertyType));
        found.AddRange(type.GetCustomAttributesData().Select(a => a.AttributeType));
        foreach (var method in type.GetMethods(all).Cast<MethodBase>().Concat(type.GetConstructors(all)))
        {
            if (method is MethodInfo info)
            {
                found.Add(info.ReturnType);
            }

            found.AddRange(method.GetParameters().Select(p => p.ParameterType));
            found.AddRange(TypesInBody(method));
        }

        return found.SelectMany(Unwrap);
    }

    /// <summary>A generic or array type uses its element and argument types too (List&lt;Unit&gt; uses Unit).</summary>
    private static IEnumerable<Type> Unwrap(Type type)
    {
        if (type.HasElementType)
        {
            return Unwrap(type.GetElementType()!);
        }

        return type.IsGenericType
            ? type.GetGenericArguments().SelectMany(Unwrap).Append(type.GetGenericTypeDefinition())
            : [type];
    }

    /// <summary>The types a method body names: every type, field and method token in its IL.</summary>
    internal static IEnumerable<Type> TypesInBody(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }

        var module = method.Module;
        var typeArgs = method.DeclaringType?.IsGenericType == true ? method.DeclaringType.GetGenericArguments() : null;
        var methodArgs = method.IsGenericMethod ? method.GetGenericArguments() : null;
        var at = 0;
        while (at < il.Length)
        {
            short value = il[at++];
            if (value == 0xFE)
            {
                value = (short)(0xFE00 | il[at++]);
            }

            var opCode = OpCodesByValue[value];
            switch (opCode.OperandType)
            {
                case OperandType.InlineType or OperandType.InlineField or OperandType.InlineMethod or OperandType.InlineTok:
                    var token = BitConverter.ToInt32(il, at);
                    at += 4;
                    Type? used = null;
                    try
                    {
                        used = module.ResolveMember(token, typeArgs, methodArgs) switch
                        {
                            Type t => t,
                            MemberInfo m => m.DeclaringType,
                            _ => null,
                        };
                    }
                    catch (ArgumentException)
                    {
                        // A token of a generic context the reader cannot bind; its declaring type is named elsewhere.
                    }

                    if (used is not null)
                    {
                        yield return used;
                    }

                    break;
                case OperandType.InlineSwitch:
                    at += 4 + (BitConverter.ToInt32(il, at) * 4);
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineNone:
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }
}
