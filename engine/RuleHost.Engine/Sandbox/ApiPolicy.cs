using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using RuleHost.Engine.Compilation;

namespace RuleHost.Engine.Sandbox;

/// <summary>ApiPolicy refuses, at compile time, rule code that reaches past the allowlist or uses a construct the sandbox cannot guard.</summary>
/// <remarks>
/// It works on the semantic model, not on text: every symbol a node binds to, every expression's type and converted
/// type, and the implicit calls of foreach, deconstruction, query clauses and conversions are checked, so aliases,
/// <c>global::</c>, <c>using static</c>, extension methods and method groups cannot slip through. An expression may
/// not even have a refused type, which closes reflection reached through return values (<c>x.GetType()</c>,
/// <c>typeof(T)</c>, <c>exception.TargetSite</c>).
/// </remarks>
internal sealed class ApiPolicy(ApiAllowlist allowlist)
{
    /// <summary>Check reads one semantic model per file of the compilation (shared with the guard rewrite, so each file binds once).</summary>
    public IEnumerable<RuleDiagnostic> Check(IEnumerable<SemanticModel> models)
    {
        foreach (var model in models)
        {
            var tree = model.SyntaxTree;
            var reported = new HashSet<(int, string)>();
            foreach (var node in tree.GetRoot().DescendantNodes())
            {
                foreach (var problem in Refusals(node, model, model.Compilation.Assembly))
                {
                    var line = node.GetLocation().GetLineSpan().StartLinePosition;
                    if (reported.Add((line.Line, problem)))
                        yield return new RuleDiagnostic(DisplayPath.Of(tree.FilePath), line.Line + 1, line.Character + 1, "RH0200", IsError: true, problem);
                }
            }
        }
    }

    private IEnumerable<string> Refusals(SyntaxNode node, SemanticModel model, IAssemblySymbol script)
    {
        if (RefusedConstruct(node) is { } construct)
        {
            yield return $"{construct} is not allowed in rule files";
            yield break;
        }

        var symbols = new List<ISymbol?>();
        switch (node)
        {
            case ExpressionSyntax or ConstructorInitializerSyntax or PrimaryConstructorBaseTypeSyntax:
                var info = model.GetSymbolInfo(node);
                symbols.Add(info.Symbol);
                symbols.AddRange(info.CandidateSymbols);
                if (node is ExpressionSyntax expression)
                {
                    var type = model.GetTypeInfo(expression);
                    symbols.Add(type.Type);
                    symbols.Add(type.ConvertedType);
                    symbols.Add(model.GetConversion(expression).MethodSymbol);
                    if (expression is InitializerExpressionSyntax { Parent: not null } initializer)
                        symbols.AddRange(initializer.Expressions.SelectMany(e => AllOf(model.GetCollectionInitializerSymbolInfo(e))));
                }

                break;
            case CommonForEachStatementSyntax forEach:
                var loop = model.GetForEachStatementInfo(forEach);
                symbols.AddRange([loop.GetEnumeratorMethod, loop.MoveNextMethod, loop.CurrentProperty, loop.DisposeMethod, loop.ElementType]);
                break;
            case QueryClauseSyntax clause:
                var query = model.GetQueryClauseInfo(clause);
                symbols.AddRange([query.CastInfo.Symbol, query.OperationInfo.Symbol]);
                break;
            case OrderingSyntax or SelectOrGroupClauseSyntax:
                symbols.AddRange(AllOf(model.GetSymbolInfo(node)));
                break;
            case VariableDeclaratorSyntax or ParameterSyntax or SingleVariableDesignationSyntax or CatchDeclarationSyntax:
                symbols.Add(model.GetDeclaredSymbol(node));
                break;
        }

        foreach (var symbol in symbols.OfType<ISymbol>().Distinct(SymbolEqualityComparer.Default))
        {
            if (Refused(symbol, script) is { } refused)
                yield return $"'{refused}' is not allowed in rule files";
        }
    }

    private static IEnumerable<ISymbol?> AllOf(SymbolInfo info) => [info.Symbol, .. info.CandidateSymbols];

    private static string? RefusedConstruct(SyntaxNode node) => node switch
    {
        UnsafeStatementSyntax => "unsafe code",
        FixedStatementSyntax => "fixed",
        StackAllocArrayCreationExpressionSyntax or ImplicitStackAllocArrayCreationExpressionSyntax => "stackalloc",
        PointerTypeSyntax or FunctionPointerTypeSyntax => "a pointer type",
        LockStatementSyntax => "lock",
        DestructorDeclarationSyntax => "a finalizer",
        AttributeListSyntax => "an attribute",
        AwaitExpressionSyntax => "await",
        RecordDeclarationSyntax => "a record (its generated Equals and GetHashCode cannot be guarded)",
        RefTypeExpressionSyntax or MakeRefExpressionSyntax or RefValueExpressionSyntax => "__makeref/__reftype/__refvalue",
        MemberDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.ExternKeyword) => "extern",
        MemberDeclarationSyntax m when m.Modifiers.Any(SyntaxKind.UnsafeKeyword) => "unsafe code",
        LocalFunctionStatementSyntax f when f.Modifiers.Any(SyntaxKind.ExternKeyword) || f.Modifiers.Any(SyntaxKind.UnsafeKeyword) => "extern or unsafe",
        _ when node.IsKind(SyntaxKind.ArgListExpression) => "__arglist",
        _ => null,
    };

    /// <summary>Refused returns the name of what the symbol reaches that is not allowed, or null.</summary>
    private string? Refused(ISymbol symbol, IAssemblySymbol script)
    {
        switch (symbol)
        {
            case INamespaceSymbol or ILabelSymbol or IDiscardSymbol or IPreprocessingSymbol:
                return null;
            case IAliasSymbol alias:
                return Refused(alias.Target, script);
            case ITypeSymbol type:
                return RefusedType(type, script);
            case ILocalSymbol local:
                return RefusedType(local.Type, script);
            case IParameterSymbol parameter:
                return RefusedType(parameter.Type, script);
            case IRangeVariableSymbol:
                return null;
            case IMethodSymbol method:
                if (method.ReducedFrom is { } extension)
                    method = extension;
                if (Member(method, script) is { } refusedMethod)
                    return refusedMethod;
                if (IsRegexWithTimeout(method))
                    return $"{method.ContainingType.Name}.{method.Name} with a match timeout (the host's timeout applies)";
                return method.TypeArguments.Select(t => RefusedType(t, script)).FirstOrDefault(r => r is not null);
            default:
                return Member(symbol, script);
        }
    }

    private string? Member(ISymbol member, IAssemblySymbol script)
    {
        if (SymbolEqualityComparer.Default.Equals(member.ContainingAssembly, script))
            return null;
        if (allowlist.DeniesMember(member))
            return $"{member.ContainingType!.ToDisplayString()}.{member.Name}";
        return member.ContainingType is { } type ? RefusedType(type, script) : null;
    }

    private string? RefusedType(ITypeSymbol type, IAssemblySymbol script)
    {
        switch (type)
        {
            case ITypeParameterSymbol or IErrorTypeSymbol:
                return null;
            case IArrayTypeSymbol array:
                return RefusedType(array.ElementType, script);
            case IPointerTypeSymbol or IFunctionPointerTypeSymbol:
                return "a pointer type";
            case IDynamicTypeSymbol:
                return "dynamic";
            case INamedTypeSymbol named:
                if (named.TypeArguments.Select(t => RefusedType(t, script)).FirstOrDefault(r => r is not null) is { } argument)
                    return argument;
                if (SymbolEqualityComparer.Default.Equals(named.ContainingAssembly, script))
                    return null;
                return allowlist.AllowsType(named) ? null : named.OriginalDefinition.ToDisplayString();
            default:
                return type.ToDisplayString();
        }
    }

    private static bool IsRegexWithTimeout(IMethodSymbol method) =>
        method.ContainingType?.ToDisplayString() == "System.Text.RegularExpressions.Regex"
        && method.Parameters.Any(p => p.Name == "matchTimeout");
}
