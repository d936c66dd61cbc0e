using System.Linq.Expressions;

namespace Ventanilla.Features.Shared;

/// <summary>
/// Putting one query expression inside another, so a rule written once as an expression can be reused in a larger
/// one (an order, a count) and still be translated to SQL as a whole.
/// </summary>
public static class Lambdas
{
    /// <summary>The body of <paramref name="lambda"/> with each of its parameters replaced by the matching value.</summary>
    public static Expression Inline(this LambdaExpression lambda, params Expression[] values)
    {
        var body = lambda.Body;
        for (var i = 0; i < values.Length; i++) body = new Replace(lambda.Parameters[i], values[i]).Visit(body);
        return body;
    }

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}
