using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace SocialCareStories.Web.Features.Search;

/// <summary>
/// An FTS5 ranking function, <c>bm25_without_idf(StorySearch, weights…)</c>: FTS5's own bm25 for a query of one
/// word, without the word's inverse document frequency. For one word that frequency is the same for every row,
/// so this orders rows exactly as bm25 does, and it does not read the word's whole index entry on every query to
/// count the stories containing it (~8 ms for "care", in 99,900 of 100,000 stories, even when only the newest
/// 1,000 matches are ranked). With more than one word the frequencies weigh the words against each other, so the
/// function refuses such a query and the search uses bm25.
/// </summary>
/// <remarks>
/// FTS5 ranking functions can only be added through its C API (<c>fts5_api.xCreateFunction</c>), once on each
/// connection, so this calls the SQLite library the app already loads (<c>e_sqlite3</c>, bundled with
/// Microsoft.Data.Sqlite) directly. The arithmetic is bm25's own (sqlite/ext/fts5/fts5_aux.c, k1 = 1.2,
/// b = 0.75, a column's weight per matching token, the row's length against the average) so the two cannot
/// disagree on order; SearchRankingTests checks they do not.
/// </remarks>
internal static unsafe partial class Bm25WithoutIdf
{
    public const string FunctionName = "bm25_without_idf";

    private const string Library = "e_sqlite3";
    private const int SqliteOk = 0;
    private const int SqliteRow = 100;
    private const int SqliteDone = 101;
    private const double K1 = 1.2;
    private const double B = 0.75;

    // Connections (their native handles, pooled by Microsoft.Data.Sqlite) that already have the function.
    private static readonly ConditionalWeakTable<sqlite3, object> Registered = [];

    /// <summary>Adds the function to the open connection, unless it already has it.</summary>
    public static void EnsureAddedTo(SqliteConnection connection)
    {
        var handle = connection.Handle ?? throw new InvalidOperationException("The connection must be open to add a ranking function.");
        if (Registered.TryGetValue(handle, out _))
        {
            return;
        }

        Add(handle.DangerousGetHandle());
        Registered.AddOrUpdate(handle, FunctionName);
    }

    private static void Add(nint db)
    {
        var api = Fts5Api(db);
        // fts5_api: int iVersion; then xCreateTokenizer, xFindTokenizer, xCreateFunction (pointer-aligned).
        var createFunction = (delegate* unmanaged[Cdecl]<nint, byte*, nint, delegate* unmanaged[Cdecl]<Fts5ExtensionApi*, nint, nint, int, nint*, void>, nint, int>)((nint*)api)[3];
        fixed (byte* name = "bm25_without_idf\0"u8)
        {
            var rc = createFunction(api, name, 0, &Rank, 0);
            if (rc != SqliteOk)
            {
                throw new InvalidOperationException($"FTS5 refused the ranking function {FunctionName} (SQLite error {rc}).");
            }
        }
    }

    // The documented way to reach FTS5's API: SELECT fts5(?1) with a pointer bound under the type "fts5_api_ptr".
    private static nint Fts5Api(nint db)
    {
        nint statement;
        fixed (byte* sql = "SELECT fts5(?1)\0"u8)
        {
            Check(db, SqlitePrepareV2(db, sql, -1, &statement, null));
        }

        try
        {
            nint api = 0;
            fixed (byte* type = "fts5_api_ptr\0"u8)
            {
                Check(db, SqliteBindPointer(statement, 1, &api, type, 0));
                var rc = SqliteStep(statement);
                if (rc != SqliteRow && rc != SqliteDone)
                {
                    Check(db, rc);
                }
            }

            return api != 0 ? api : throw new InvalidOperationException("This SQLite has no FTS5.");
        }
        finally
        {
            _ = SqliteFinalize(statement);
        }
    }

    private static void Check(nint db, int rc)
    {
        if (rc != SqliteOk)
        {
            throw new InvalidOperationException($"SQLite error {rc}: {Marshal.PtrToStringUTF8(SqliteErrorMessage(db))}");
        }
    }

    // Called by FTS5 for each row; an exception must not cross back into SQLite, and nothing here throws.
    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void Rank(Fts5ExtensionApi* api, nint fts, nint context, int weightCount, nint* weights)
    {
        if (api->PhraseCount(fts) != 1)
        {
            fixed (byte* message = "bm25_without_idf ranks a query of one word or phrase only\0"u8)
            {
                SqliteResultError(context, message, -1);
            }

            return;
        }

        var instances = 0;
        var length = 0;
        var rc = api->InstCount(fts, &instances);
        var frequency = 0.0;
        for (var i = 0; rc == SqliteOk && i < instances; i++)
        {
            int phrase;
            int column;
            int offset;
            rc = api->Inst(fts, i, &phrase, &column, &offset);
            frequency += column < weightCount ? SqliteValueDouble(weights[column]) : 1.0;
        }

        if (rc == SqliteOk)
        {
            rc = api->ColumnSize(fts, -1, &length);
        }

        var averageLength = rc == SqliteOk ? AverageLength(api, fts, &rc) : 0;
        if (rc != SqliteOk)
        {
            SqliteResultErrorCode(context, rc);
            return;
        }

        var score = frequency * (K1 + 1.0) / (frequency + (K1 * (1 - B + (B * length / averageLength))));
        SqliteResultDouble(context, -1.0 * score);
    }

    // The average row length, worked out on a query's first row and kept for its others, as bm25 does: FTS5
    // reads its totals from the index on every call, which per row cost more than the ranking itself.
    private static double AverageLength(Fts5ExtensionApi* api, nint fts, int* rc)
    {
        var earlier = (double*)api->GetAuxdata(fts, 0);
        if (earlier != null)
        {
            return *earlier;
        }

        var rows = 0L;
        var tokens = 0L;
        *rc = api->RowCount(fts, &rows);
        if (*rc == SqliteOk)
        {
            *rc = api->ColumnTotalSize(fts, -1, &tokens);
        }

        if (*rc != SqliteOk)
        {
            return 0;
        }

        var average = (double)tokens / Math.Max(rows, 1);
        var kept = (double*)NativeMemory.Alloc(sizeof(double));
        *kept = average;
        // FTS5 frees it with FreeAuxdata when the query ends (or at once, if it cannot keep it).
        *rc = api->SetAuxdata(fts, kept, &FreeAuxdata);
        return average;
    }

    [UnmanagedCallersOnly(CallConvs = [typeof(CallConvCdecl)])]
    private static void FreeAuxdata(void* data) => NativeMemory.Free(data);

    /// <summary>The start of FTS5's Fts5ExtensionApi (fts5.h), up to the last member used here.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Fts5ExtensionApi
    {
        public int Version;
        public nint UserData;
        public nint ColumnCount;
        public delegate* unmanaged[Cdecl]<nint, long*, int> RowCount;
        public delegate* unmanaged[Cdecl]<nint, int, long*, int> ColumnTotalSize;
        public nint Tokenize;
        public delegate* unmanaged[Cdecl]<nint, int> PhraseCount;
        public nint PhraseSize;
        public delegate* unmanaged[Cdecl]<nint, int*, int> InstCount;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int*, int*, int> Inst;
        public nint Rowid;
        public nint ColumnText;
        public delegate* unmanaged[Cdecl]<nint, int, int*, int> ColumnSize;
        public nint QueryPhrase;
        public delegate* unmanaged[Cdecl]<nint, void*, delegate* unmanaged[Cdecl]<void*, void>, int> SetAuxdata;
        public delegate* unmanaged[Cdecl]<nint, int, void*> GetAuxdata;
    }

    [LibraryImport(Library, EntryPoint = "sqlite3_prepare_v2")]
    private static partial int SqlitePrepareV2(nint db, byte* sql, int length, nint* statement, byte** tail);

    [LibraryImport(Library, EntryPoint = "sqlite3_bind_pointer")]
    private static partial int SqliteBindPointer(nint statement, int index, void* pointer, byte* type, nint destructor);

    [LibraryImport(Library, EntryPoint = "sqlite3_step")]
    private static partial int SqliteStep(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_finalize")]
    private static partial int SqliteFinalize(nint statement);

    [LibraryImport(Library, EntryPoint = "sqlite3_errmsg")]
    private static partial nint SqliteErrorMessage(nint db);

    [LibraryImport(Library, EntryPoint = "sqlite3_value_double")]
    private static partial double SqliteValueDouble(nint value);

    [LibraryImport(Library, EntryPoint = "sqlite3_result_double")]
    private static partial void SqliteResultDouble(nint context, double value);

    [LibraryImport(Library, EntryPoint = "sqlite3_result_error")]
    private static partial void SqliteResultError(nint context, byte* message, int length);

    [LibraryImport(Library, EntryPoint = "sqlite3_result_error_code")]
    private static partial void SqliteResultErrorCode(nint context, int code);
}
