using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace SocialCareStories.Web.Data;

/// <summary>
/// A compiled query (<c>EF.CompileAsyncQuery</c>) for each model it runs against. EF Core binds a compiled query
/// to the first model that executes it and refuses any other ("executed with a different model than it was
/// compiled against"), and SQLite and PostgreSQL stores have different models: one process holds both when
/// `copy-store` runs, or when the PostgreSQL test pass starts a portal on a SQLite file. A static compiled query
/// would then fail on whichever engine came second.
/// </summary>
/// <param name="compile">Compiles the query anew: called once per model.</param>
public sealed class CompiledPerModel<TQuery>(Func<TQuery> compile)
    where TQuery : class
{
    private readonly ConditionalWeakTable<IModel, TQuery> _byModel = new();

    public TQuery For(DbContext db) => _byModel.GetValue(db.Model, _ => compile());
}
