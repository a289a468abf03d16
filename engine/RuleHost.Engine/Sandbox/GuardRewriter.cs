using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using static Microsoft.CodeAnalysis.CSharp.SyntaxFactory;

namespace RuleHost.Engine.Sandbox;

/// <summary>GuardRewriter injects the runtime guards into rule code that passed the <see cref="ApiPolicy"/>.</summary>
/// <remarks>
/// A tick in every loop body and after every label (goto), an entry guard (stack room and budget) at the start of
/// every method, local function, accessor, constructor, operator and lambda; a filter on every catch and a liveness
/// check around every finally body, so a spent budget cannot be caught and carried on from. Nothing adds a line
/// break, so line numbers stay those of the file. Match lambdas keep their original text for the engine's index.
/// </remarks>
internal sealed class GuardRewriter(SemanticModel model) : CSharpSyntaxRewriter
{
    private const string Guard = "global::RuleHost.Sandbox.RuleGuard";
    private static readonly StatementSyntax Tick = ParseStatement($"{Guard}.Tick(); ");
    private static readonly StatementSyntax Enter = ParseStatement($"{Guard}.Enter(); ");
    private static readonly ExpressionSyntax Alive = ParseExpression($"{Guard}.Alive()");

    public static SyntaxTree Rewrite(SyntaxTree tree, SemanticModel model) =>
        tree.WithRootAndOptions(new GuardRewriter(model).Visit(tree.GetRoot()), tree.Options);

    public override SyntaxNode? VisitWhileStatement(WhileStatementSyntax node) =>
        ((WhileStatementSyntax)base.VisitWhileStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitDoStatement(DoStatementSyntax node) =>
        ((DoStatementSyntax)base.VisitDoStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitForStatement(ForStatementSyntax node) =>
        ((ForStatementSyntax)base.VisitForStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitForEachStatement(ForEachStatementSyntax node) =>
        ((ForEachStatementSyntax)base.VisitForEachStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitForEachVariableStatement(ForEachVariableStatementSyntax node) =>
        ((ForEachVariableStatementSyntax)base.VisitForEachVariableStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitLabeledStatement(LabeledStatementSyntax node) =>
        ((LabeledStatementSyntax)base.VisitLabeledStatement(node)!) is var v ? v.WithStatement(Ticked(v.Statement)) : null;

    public override SyntaxNode? VisitCatchClause(CatchClauseSyntax node)
    {
        var v = (CatchClauseSyntax)base.VisitCatchClause(node)!;
        var condition = v.Filter is { } filter ? BinaryExpression(SyntaxKind.LogicalAndExpression, Alive, ParenthesizedExpression(filter.FilterExpression)) : Alive;
        return v.WithFilter(CatchFilterClause(condition).WithLeadingTrivia(Space).WithTrailingTrivia(Space));
    }

    public override SyntaxNode? VisitFinallyClause(FinallyClauseSyntax node)
    {
        var v = (FinallyClauseSyntax)base.VisitFinallyClause(node)!;
        return v.WithBlock(Block(IfStatement(Alive, v.Block.WithoutTrivia())).WithTriviaFrom(v.Block));
    }

    public override SyntaxNode? VisitMethodDeclaration(MethodDeclarationSyntax node)
    {
        var returnsVoid = model.GetDeclaredSymbol(node)?.ReturnsVoid ?? true;
        var v = (MethodDeclarationSyntax)base.VisitMethodDeclaration(node)!;
        return v.Body is null && v.ExpressionBody is null ? v : v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitLocalFunctionStatement(LocalFunctionStatementSyntax node)
    {
        var returnsVoid = (model.GetDeclaredSymbol(node) as IMethodSymbol)?.ReturnsVoid ?? true;
        var v = (LocalFunctionStatementSyntax)base.VisitLocalFunctionStatement(node)!;
        return v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitConstructorDeclaration(ConstructorDeclarationSyntax node)
    {
        var v = (ConstructorDeclarationSyntax)base.VisitConstructorDeclaration(node)!;
        return v.Body is null && v.ExpressionBody is null ? v : v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid: true)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitOperatorDeclaration(OperatorDeclarationSyntax node)
    {
        var v = (OperatorDeclarationSyntax)base.VisitOperatorDeclaration(node)!;
        return v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid: false)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitConversionOperatorDeclaration(ConversionOperatorDeclarationSyntax node)
    {
        var v = (ConversionOperatorDeclarationSyntax)base.VisitConversionOperatorDeclaration(node)!;
        return v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid: false)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitAccessorDeclaration(AccessorDeclarationSyntax node)
    {
        var v = (AccessorDeclarationSyntax)base.VisitAccessorDeclaration(node)!;
        if (v.Body is null && v.ExpressionBody is null)
            return v; // auto-property: no code of the script's own
        var returnsVoid = !v.IsKind(SyntaxKind.GetAccessorDeclaration);
        return v.WithBody(Entered(v.Body, v.ExpressionBody, returnsVoid)).WithExpressionBody(null).WithSemicolonToken(default);
    }

    public override SyntaxNode? VisitPropertyDeclaration(PropertyDeclarationSyntax node)
    {
        var v = (PropertyDeclarationSyntax)base.VisitPropertyDeclaration(node)!;
        if (v.ExpressionBody is not { } body)
            return v;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Entered(null, body, returnsVoid: false));
        return v.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(SingletonList(getter)));
    }

    public override SyntaxNode? VisitIndexerDeclaration(IndexerDeclarationSyntax node)
    {
        var v = (IndexerDeclarationSyntax)base.VisitIndexerDeclaration(node)!;
        if (v.ExpressionBody is not { } body)
            return v;
        var getter = AccessorDeclaration(SyntaxKind.GetAccessorDeclaration, Entered(null, body, returnsVoid: false));
        return v.WithExpressionBody(null).WithSemicolonToken(default).WithAccessorList(AccessorList(SingletonList(getter)));
    }

    public override SyntaxNode? VisitSimpleLambdaExpression(SimpleLambdaExpressionSyntax node)
    {
        var returnsVoid = LambdaReturnsVoid(node);
        var leaf = IsLeaf(node);
        var v = (SimpleLambdaExpressionSyntax)base.VisitSimpleLambdaExpression(node)!;
        return leaf ? v : v.WithBlock(Entered(v.Block, v.ExpressionBody, returnsVoid)).WithExpressionBody(null);
    }

    public override SyntaxNode? VisitParenthesizedLambdaExpression(ParenthesizedLambdaExpressionSyntax node)
    {
        var returnsVoid = LambdaReturnsVoid(node);
        var leaf = IsLeaf(node);
        var v = (ParenthesizedLambdaExpressionSyntax)base.VisitParenthesizedLambdaExpression(node)!;
        return leaf ? v : v.WithBlock(Entered(v.Block, v.ExpressionBody, returnsVoid)).WithExpressionBody(null);
    }

    /// <summary>IsLeaf tells a lambda that needs no entry guard: an expression that invokes no delegate.</summary>
    /// <remarks>
    /// Such a lambda has no loop, and any recursion through it passes a guarded method, accessor, operator or
    /// non-leaf lambda, which stops it; only a delegate call (<c>f = n => f(n + 1)</c>) could close a cycle of leaves.
    /// Most Match, When and KeyBy lambdas are leaves, so the hot path pays nothing for the guard.
    /// </remarks>
    private bool IsLeaf(LambdaExpressionSyntax lambda) =>
        lambda.ExpressionBody is { } body
        && !body.DescendantNodesAndSelf(n => n is not AnonymousFunctionExpressionSyntax)
            .OfType<InvocationExpressionSyntax>()
            .Any(call => model.GetSymbolInfo(call).Symbol is not IMethodSymbol { MethodKind: not MethodKind.DelegateInvoke });

    public override SyntaxNode? VisitAnonymousMethodExpression(AnonymousMethodExpressionSyntax node)
    {
        var v = (AnonymousMethodExpressionSyntax)base.VisitAnonymousMethodExpression(node)!;
        return v.WithBlock(Entered(v.Block, (ExpressionSyntax?)null, returnsVoid: true));
    }

    /// <summary>VisitInvocationExpression passes the original text of a Match lambda, which the rewrite is about to change.</summary>
    public override SyntaxNode? VisitInvocationExpression(InvocationExpressionSyntax node)
    {
        var isMatch = node.ArgumentList.Arguments.Count == 1
            && model.GetSymbolInfo(node).Symbol is IMethodSymbol { Name: "Match" } method
            && method.ContainingType.OriginalDefinition.ToDisplayString() == "RuleHost.Rules.EventRuleBuilder<TSelf>";
        var original = node.ArgumentList.Arguments.FirstOrDefault()?.ToString();
        var v = (InvocationExpressionSyntax)base.VisitInvocationExpression(node)!;
        if (!isMatch)
            return v;
        var text = Argument(LiteralExpression(SyntaxKind.StringLiteralExpression, Literal(original!)));
        return v.WithArgumentList(v.ArgumentList.AddArguments(text));
    }

    private bool LambdaReturnsVoid(AnonymousFunctionExpressionSyntax lambda) =>
        (model.GetSymbolInfo(lambda).Symbol as IMethodSymbol)?.ReturnsVoid ?? true;

    private static BlockSyntax Ticked(StatementSyntax body) => Prepend(body, Tick);

    private static BlockSyntax Entered(BlockSyntax? block, ArrowExpressionClauseSyntax? arrow, bool returnsVoid) =>
        Entered(block, arrow?.Expression, returnsVoid);

    private static BlockSyntax Entered(BlockSyntax? block, ExpressionSyntax? expression, bool returnsVoid)
    {
        if (block is not null)
            return Prepend(block, Enter);
        StatementSyntax statement = expression switch
        {
            ThrowExpressionSyntax t => ThrowStatement(t.Expression),
            _ when returnsVoid => ExpressionStatement(expression!),
            _ => ReturnStatement(expression!.WithLeadingTrivia(Space)),
        };
        return Block(Enter, statement.WithTrailingTrivia(Space)).WithLeadingTrivia(Space).WithTrailingTrivia(Space);
    }

    private static BlockSyntax Prepend(StatementSyntax body, StatementSyntax guard) => body is BlockSyntax block
        ? block.WithStatements(block.Statements.Insert(0, guard))
        : Block(guard, body.WithoutTrivia()).WithTriviaFrom(body);
}
