using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using SocialCareStories.Web.Features.Shared;

namespace SocialCareStories.Web.Data;

/// <summary>
/// Case-blind LIKE on either engine: SQLite's LIKE already ignores (ASCII) case, PostgreSQL's does not and its
/// ILIKE does. The pattern uses backslash as its escape character.
/// </summary>
public static class TextMatching
{
    private static readonly System.Reflection.MethodInfo Like = typeof(DbFunctionsExtensions).GetMethod(
        nameof(DbFunctionsExtensions.Like), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    private static readonly System.Reflection.MethodInfo ILike = typeof(NpgsqlDbFunctionsExtensions).GetMethod(
        nameof(NpgsqlDbFunctionsExtensions.ILike), [typeof(DbFunctions), typeof(string), typeof(string), typeof(string)])!;

    public static IQueryable<T> WhereLike<T>(this IQueryable<T> source, DbContext db, Expression<Func<T, string?>> text, string pattern) =>
        source.WhereAnyLike(db, pattern, text);

    /// <summary>Rows where any of the texts matches the pattern (a null text never does).</summary>
    public static IQueryable<T> WhereAnyLike<T>(this IQueryable<T> source, DbContext db, string pattern, params Expression<Func<T, string?>>[] texts)
    {
        // The pattern is read from a closure's field, as a captured variable would be, so it goes to the database as a parameter.
        var captured = Expression.Field(Expression.Constant(new Captured(pattern)), nameof(Captured.Pattern));
        var row = Expression.Parameter(typeof(T), "row");
        var matches = texts
            .Select(text => (Expression)Expression.Call(
                db.Database.IsNpgsql() ? ILike : Like,
                Expression.Constant(EF.Functions),
                new ReplaceParameter(text.Parameters[0], row).Visit(text.Body),
                captured,
                Expression.Constant("\\")))
            .Aggregate(Expression.OrElse);
        return source.Where(Expression.Lambda<Func<T, bool>>(matches, row));
    }

    private sealed class ReplaceParameter(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }

    /// <summary>
    /// A LIKE pattern for text containing <paramref name="words"/> (its %, _ and \ escaped). Words are only looked
    /// for, never stored, so a NUL among them (which PostgreSQL refuses in any text) is dropped.
    /// </summary>
    public static string ContainsPattern(string words) => $"%{Escape(NulCharacters.Without(words))}%";

    public static string Escape(string text) =>
        text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);

#pragma warning disable CA1051 // A field, not a property: EF Core parameterises a closure's field exactly as it would a captured local.
    private sealed class Captured(string pattern)
    {
        public readonly string Pattern = pattern;
    }
#pragma warning restore CA1051
}
