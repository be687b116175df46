using System.Collections.Concurrent;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace SocialCareStories.Web.Data;

/// <summary>
/// Connections for the reading pages' busiest commands (a story page's), each command prepared once per connection.
/// </summary>
/// <remarks>
/// Microsoft.Data.Sqlite keeps no statement cache: every command is compiled by SQLite again each time it runs, and
/// a story page's ten statements took longer to compile than to run. On SQLite these are a few connections kept
/// open, outside EF Core (whose context, opened connection and interceptor per page cost as much again), each
/// keeping its commands prepared. On PostgreSQL it is an ordinary context's connection: Npgsql prepares repeated
/// statements itself (<see cref="StoreSetup.WithAutomaticPreparation"/>).
/// A kept SQLite connection holds no snapshot between pages: a command's statements are reset when its reader is
/// disposed, so the next page reads the newest committed data, and WAL checkpoints are never held back.
/// </remarks>
public sealed class ReadConnections(StoreSettings settings, IDbContextFactory<StoriesDbContext> contextFactory) : IAsyncDisposable
{
    private readonly ConcurrentBag<KeptSqliteConnection> _idle = [];
    private readonly int _maxIdle = (Environment.ProcessorCount * 2) + 2;
    private volatile bool _disposed;

    public async ValueTask<ReadConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        if (settings.Provider != StoreProvider.Sqlite)
        {
            var db = await contextFactory.CreateDbContextAsync(cancellationToken);
            await db.Database.OpenConnectionAsync(cancellationToken);
            return new ContextConnection(db, ownsContext: true);
        }

        if (_idle.TryTake(out var kept))
        {
            return kept;
        }

        var connection = new SqliteConnection(settings.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using (var pragma = connection.CreateCommand())
        {
            pragma.CommandText = SqliteBusyTimeout.Pragma;
            await pragma.ExecuteNonQueryAsync(cancellationToken);
        }

        return new KeptSqliteConnection(this, connection);
    }

    private async ValueTask ReturnAsync(KeptSqliteConnection kept)
    {
        if (!_disposed && kept.Connection.State == System.Data.ConnectionState.Open && _idle.Count < _maxIdle)
        {
            _idle.Add(kept);
            return;
        }

        await kept.CloseAsync();
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        while (_idle.TryTake(out var kept))
        {
            await kept.CloseAsync();
        }
    }

    private sealed class KeptSqliteConnection(ReadConnections owner, SqliteConnection connection) : ReadConnection
    {
        private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);

        public SqliteConnection Connection => connection;

        public override DbCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
        {
            if (_prepared.TryGetValue(sql, out var command))
            {
                foreach (var (name, value) in parameters)
                {
                    command.Parameters[name].Value = value;
                }

                return command;
            }

            command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var (name, value) in parameters)
            {
                command.Parameters.AddWithValue(name, value);
            }

            command.Prepare();
            _prepared[sql] = command;
            return command;
        }

        public override ValueTask DisposeAsync() => owner.ReturnAsync(this);

        public async ValueTask CloseAsync()
        {
            foreach (var command in _prepared.Values)
            {
                await command.DisposeAsync();
            }

            _prepared.Clear();
            await connection.DisposeAsync();
        }
    }
}

/// <summary>A connection from <see cref="ReadConnections"/>, or over a context a caller already holds.</summary>
public abstract class ReadConnection : IAsyncDisposable
{
    /// <summary>Reads on the connection <paramref name="db"/> holds, opened if it is not; disposing leaves the context to its owner.</summary>
    public static async ValueTask<ReadConnection> OverAsync(StoriesDbContext db, CancellationToken cancellationToken = default)
    {
        await db.Database.OpenConnectionAsync(cancellationToken);
        return new ContextConnection(db, ownsContext: false);
    }

    /// <summary>
    /// A command for <paramref name="sql"/> with these parameter values. It belongs to the connection: run it and
    /// dispose its reader, not the command. Give the same names every time for the same text.
    /// </summary>
    public abstract DbCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters);

    public abstract ValueTask DisposeAsync();
}

internal sealed class ContextConnection(StoriesDbContext db, bool ownsContext) : ReadConnection
{
    private readonly List<DbCommand> _commands = [];

    public override DbCommand Command(string sql, params ReadOnlySpan<(string Name, object Value)> parameters)
    {
        var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value;
            command.Parameters.Add(parameter);
        }

        _commands.Add(command);
        return command;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        if (ownsContext)
        {
            await db.DisposeAsync();
        }
    }
}
