using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace RuleHost.Engine.Rules;

/// <summary>MatchKeyAnalyzer finds, in the source text of Match lambdas, an exact field comparison every matching event must pass.</summary>
/// <remarks>
/// Sound by construction: the lambda's parameter is an <see cref="Event"/>, so <c>e.Metric == "cpu"</c> can only be
/// string equality on Event.Metric. Only top-level conjuncts are read (<c>&amp;&amp;</c>, and <c>||</c> or <c>is "a" or "b"</c>
/// over one field); anything else leaves the rule unindexed, which is always correct, only slower.
/// </remarks>
internal static class MatchKeyAnalyzer
{
    public static MatchKey? Analyze(IEnumerable<string> matchExpressions)
    {
        foreach (var text in matchExpressions)
        {
            if (SyntaxFactory.ParseExpression(text) is LambdaExpressionSyntax { ExpressionBody: { } body } lambda
                && ParameterOf(lambda) is { } parameter
                && FromCondition(body, parameter) is { } key)
            {
                return key;
            }
        }

        return null;
    }

    private static string? ParameterOf(LambdaExpressionSyntax lambda) => lambda switch
    {
        SimpleLambdaExpressionSyntax simple => simple.Parameter.Identifier.ValueText,
        ParenthesizedLambdaExpressionSyntax { ParameterList.Parameters: [var only] } => only.Identifier.ValueText,
        _ => null,
    };

    private static MatchKey? FromCondition(ExpressionSyntax condition, string parameter)
    {
        switch (Unwrap(condition))
        {
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalAndExpression):
                return FromCondition(b.Left, parameter) ?? FromCondition(b.Right, parameter);
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.LogicalOrExpression):
                return Union(FromCondition(b.Left, parameter), FromCondition(b.Right, parameter));
            case BinaryExpressionSyntax b when b.IsKind(SyntaxKind.EqualsExpression):
                return Equality(b.Left, b.Right, parameter) ?? Equality(b.Right, b.Left, parameter);
            case IsPatternExpressionSyntax p when FieldOf(p.Expression, parameter) is { } field:
                return Constants(p.Pattern) is { } values ? new MatchKey(field, [.. values.Distinct(StringComparer.Ordinal)]) : null;
            default:
                return null;
        }
    }

    private static MatchKey? Equality(ExpressionSyntax side, ExpressionSyntax other, string parameter) =>
        FieldOf(side, parameter) is { } field && Literal(other) is { } value ? new MatchKey(field, [value]) : null;

    private static MatchKey? Union(MatchKey? left, MatchKey? right) =>
        left is not null && right is not null && left.Field == right.Field
            ? new MatchKey(left.Field, [.. left.Values.Union(right.Values)])
            : null;

    private static List<string>? Constants(PatternSyntax pattern) => pattern switch
    {
        ConstantPatternSyntax c when Literal(c.Expression) is { } value => [value],
        ParenthesizedPatternSyntax p => Constants(p.Pattern),
        BinaryPatternSyntax b when b.IsKind(SyntaxKind.OrPattern) && Constants(b.Left) is { } l && Constants(b.Right) is { } r => [.. l, .. r],
        _ => null,
    };

    private static string? FieldOf(ExpressionSyntax expression, string parameter) =>
        Unwrap(expression) is MemberAccessExpressionSyntax { Expression: IdentifierNameSyntax target, Name: IdentifierNameSyntax name }
        && target.Identifier.ValueText == parameter
        && MatchKey.Fields.ContainsKey(name.Identifier.ValueText)
            ? name.Identifier.ValueText
            : null;

    private static string? Literal(ExpressionSyntax expression) =>
        Unwrap(expression) is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression)
            ? literal.Token.ValueText
            : null;

    private static ExpressionSyntax Unwrap(ExpressionSyntax expression) =>
        expression is ParenthesizedExpressionSyntax p ? Unwrap(p.Expression) : expression;
}
