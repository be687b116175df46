using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace SocialCareStories.Web.Data;

/// <summary>
/// What a failed write means, whichever database the store runs on: SQLite's result codes, or the SQLSTATE that
/// PostgreSQL (and other providers) report through <see cref="DbException.SqlState"/>.
/// </summary>
public static class StoreErrors
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;
    private const int SqliteConstraint = 19;
    private const int SqliteConstraintPrimaryKey = 1555;
    private const int SqliteConstraintUnique = 2067;
    private const int SqliteConstraintForeignKey = 787;

    /// <summary>The write would duplicate a unique key: another writer added the same thing first.</summary>
    public static bool IsUniqueViolation(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintUnique or SqliteConstraintPrimaryKey } => true,
        DbException { SqlState: "23505" } => true,
        _ => false,
    });

    /// <summary>The write refers to a row that is not there: another writer deleted it first.</summary>
    public static bool IsForeignKeyViolation(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException { SqliteErrorCode: SqliteConstraint, SqliteExtendedErrorCode: SqliteConstraintForeignKey } => true,
        DbException { SqlState: "23503" } => true,
        _ => false,
    });

    /// <summary>The store stayed locked by another writer for longer than the wait allowed; the write did not happen.</summary>
    public static bool IsBusy(Exception exception) => Causes(exception).Any(e => e switch
    {
        SqliteException { SqliteErrorCode: SqliteBusy or SqliteLocked } => true,
        DbException { SqlState: "40001" or "40P01" or "55P03" } => true,
        _ => false,
    });

    private static IEnumerable<Exception> Causes(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            yield return e;
        }
    }
}
