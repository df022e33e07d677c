using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Dashboard.TestSupport.Storage;

/// <summary>
/// A provider-neutral description of a schema — tables, columns (type, nullability), primary keys,
/// indexes and foreign keys — read either from a live database or from an EF Core relational model,
/// so a test can prove that the hand-written migrations produce exactly the schema the model expects.
/// </summary>
public sealed record DatabaseSchema(IReadOnlyDictionary<string, TableSchema> Tables)
{
    public static DatabaseSchema FromModel(IRelationalModel model)
    {
        var tables = new SortedDictionary<string, TableSchema>(StringComparer.Ordinal);
        foreach (var table in model.Tables)
        {
            var columns = table.Columns
                .Select(c => new ColumnSchema(c.Name, NormalizeType(c.StoreType), c.IsNullable))
                .OrderBy(c => c.Name, StringComparer.Ordinal)
                .ToList();
            var pk = table.PrimaryKey is null ? [] : table.PrimaryKey.Columns.Select(c => c.Name).ToList();
            var indexes = table.Indexes
                .Select(i => new IndexSchema(i.Name, i.Columns.Select(c => c.Name).ToList(), i.IsUnique))
                .Concat(table.UniqueConstraints.Where(u => !u.GetIsPrimaryKey())
                    .Select(u => new IndexSchema(u.Name, u.Columns.Select(c => c.Name).ToList(), true)))
                .OrderBy(i => i.Name, StringComparer.Ordinal)
                .ToList();
            var fks = table.ForeignKeyConstraints
                .Select(f => new ForeignKeySchema(f.Columns.Select(c => c.Name).ToList(), f.PrincipalTable.Name, f.PrincipalColumns.Select(c => c.Name).ToList()))
                .OrderBy(f => f.ToString(), StringComparer.Ordinal)
                .ToList();
            tables[table.Name] = new TableSchema(table.Name, columns, pk, indexes, fks);
        }

        return new DatabaseSchema(tables);
    }

    public static async Task<DatabaseSchema> ReadSqliteAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, TableSchema>(StringComparer.Ordinal);
        var names = await QueryAsync(connection,
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EFMigrations%'",
            r => r.GetString(0));
        foreach (var name in names)
        {
            var columnRows = await QueryAsync(connection, $"PRAGMA table_info(\"{name}\")",
                r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) == 1, Pk: r.GetInt64(5)));
            var columns = columnRows
                .Select(c => new ColumnSchema(c.Name, NormalizeType(c.Type), !c.NotNull && c.Pk == 0))
                .OrderBy(c => c.Name, StringComparer.Ordinal).ToList();
            var pk = columnRows.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name).ToList();
            var indexRows = await QueryAsync(connection, $"PRAGMA index_list(\"{name}\")",
                r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3)));
            var indexes = new List<IndexSchema>();
            foreach (var index in indexRows.Where(i => i.Origin != "pk"))
            {
                var cols = await QueryAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Seq: r.GetInt64(0), Name: r.GetString(2)));
                indexes.Add(new IndexSchema(index.Name, cols.OrderBy(c => c.Seq).Select(c => c.Name).ToList(), index.Unique));
            }

            var fkRows = await QueryAsync(connection, $"PRAGMA foreign_key_list(\"{name}\")",
                r => (Id: r.GetInt64(0), Seq: r.GetInt64(1), Table: r.GetString(2), From: r.GetString(3), To: r.GetString(4)));
            var fks = fkRows.GroupBy(f => f.Id)
                .Select(g => new ForeignKeySchema(g.OrderBy(f => f.Seq).Select(f => f.From).ToList(), g.First().Table, g.OrderBy(f => f.Seq).Select(f => f.To).ToList()))
                .OrderBy(f => f.ToString(), StringComparer.Ordinal).ToList();
            tables[name] = new TableSchema(name, columns, pk, indexes.OrderBy(i => i.Name, StringComparer.Ordinal).ToList(), fks);
        }

        return new DatabaseSchema(tables);
    }

    public static async Task<DatabaseSchema> ReadPostgresAsync(DbConnection connection)
    {
        var tables = new SortedDictionary<string, TableSchema>(StringComparer.Ordinal);
        var names = await QueryAsync(connection,
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind IN ('r','p') AND c.relname NOT LIKE '__EFMigrations%' AND c.relname <> 'spatial_ref_sys' AND c.relname NOT LIKE 'qrtz\\_%' AND NOT c.relispartition",
            r => r.GetString(0));
        foreach (var name in names)
        {
            var columns = await QueryAsync(connection,
                $"SELECT a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull FROM pg_attribute a WHERE a.attrelid = 'public.\"{name}\"'::regclass AND a.attnum > 0 AND NOT a.attisdropped",
                r => new ColumnSchema(r.GetString(0), NormalizeType(r.GetString(1)), r.GetBoolean(2)));
            var pk = await QueryAsync(connection,
                $"SELECT a.attname FROM pg_index i JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = 'public.\"{name}\"'::regclass AND i.indisprimary ORDER BY k.ord",
                r => r.GetString(0));
            var indexRows = await QueryAsync(connection,
                $"SELECT ic.relname, i.indisunique, a.attname, k.ord FROM pg_index i JOIN pg_class ic ON ic.oid = i.indexrelid JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, ord) ON true JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = k.attnum WHERE i.indrelid = 'public.\"{name}\"'::regclass AND NOT i.indisprimary",
                r => (Name: r.GetString(0), Unique: r.GetBoolean(1), Column: r.GetString(2), Ord: r.GetInt64(3)));
            var indexes = indexRows.GroupBy(i => i.Name)
                .Select(g => new IndexSchema(g.Key, g.OrderBy(i => i.Ord).Select(i => i.Column).ToList(), g.First().Unique))
                .OrderBy(i => i.Name, StringComparer.Ordinal).ToList();
            var fkRows = await QueryAsync(connection,
                $"SELECT c.conname, a.attname, pt.relname, pa.attname, k.ord FROM pg_constraint c JOIN LATERAL unnest(c.conkey, c.confkey) WITH ORDINALITY AS k(att, patt, ord) ON true JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.att JOIN pg_class pt ON pt.oid = c.confrelid JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = k.patt WHERE c.contype = 'f' AND c.conrelid = 'public.\"{name}\"'::regclass",
                r => (Name: r.GetString(0), From: r.GetString(1), Table: r.GetString(2), To: r.GetString(3), Ord: r.GetInt64(4)));
            var fks = fkRows.GroupBy(f => f.Name)
                .Select(g => new ForeignKeySchema(g.OrderBy(f => f.Ord).Select(f => f.From).ToList(), g.First().Table, g.OrderBy(f => f.Ord).Select(f => f.To).ToList()))
                .OrderBy(f => f.ToString(), StringComparer.Ordinal).ToList();
            tables[name] = new TableSchema(name, columns.OrderBy(c => c.Name, StringComparer.Ordinal).ToList(), pk, indexes, fks);
        }

        return new DatabaseSchema(tables);
    }

    /// <summary>
    /// This schema without the named tables, e.g. a second migrations history table when another context's
    /// migrations share the database (the people store's <c>__identity_migrations</c>).
    /// </summary>
    public DatabaseSchema Without(params string[] tables) =>
        new(Tables.Where(t => !tables.Contains(t.Key, StringComparer.Ordinal)).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    /// <summary>Every difference between this (expected) schema and <paramref name="actual"/>, one per line.</summary>
    public IReadOnlyList<string> DifferencesFrom(DatabaseSchema actual)
    {
        var differences = new List<string>();
        foreach (var name in Tables.Keys.Union(actual.Tables.Keys).Order(StringComparer.Ordinal))
        {
            if (!actual.Tables.TryGetValue(name, out var got))
            {
                differences.Add($"table {name}: in the model, missing from the database");
                continue;
            }

            if (!Tables.TryGetValue(name, out var want))
            {
                differences.Add($"table {name}: in the database, not in the model");
                continue;
            }

            Compare(differences, name, "columns", want.Columns.Select(c => c.ToString()), got.Columns.Select(c => c.ToString()));
            Compare(differences, name, "primary key", [string.Join(",", want.PrimaryKey)], [string.Join(",", got.PrimaryKey)]);
            Compare(differences, name, "indexes", want.Indexes.Select(i => i.ToString()), got.Indexes.Select(i => i.ToString()));
            Compare(differences, name, "foreign keys", want.ForeignKeys.Select(f => f.ToString()), got.ForeignKeys.Select(f => f.ToString()));
        }

        return differences;
    }

    private static void Compare(List<string> differences, string table, string what, IEnumerable<string> want, IEnumerable<string> got)
    {
        var wantSet = want.ToHashSet(StringComparer.Ordinal);
        var gotSet = got.ToHashSet(StringComparer.Ordinal);
        foreach (var missing in wantSet.Except(gotSet).Order(StringComparer.Ordinal))
        {
            differences.Add($"table {table} {what}: model has [{missing}], database lacks it");
        }

        foreach (var extra in gotSet.Except(wantSet).Order(StringComparer.Ordinal))
        {
            differences.Add($"table {table} {what}: database has [{extra}], model lacks it");
        }
    }

    private static string NormalizeType(string type)
    {
        var lower = type.Trim().ToLowerInvariant();
        return lower switch
        {
            "timestamptz" => "timestamp with time zone",
            "int8" => "bigint",
            "int4" or "int" => "integer",
            "int2" => "smallint",
            "bool" => "boolean",
            "float8" => "double precision",
            "float4" => "real",
            _ when lower.StartsWith("varchar(", StringComparison.Ordinal) => "character varying" + lower["varchar".Length..],
            _ => lower,
        };
    }

    private static async Task<List<T>> QueryAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> map)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public override string ToString()
    {
        var text = new StringBuilder();
        foreach (var table in Tables.Values)
        {
            text.AppendLine(table.Name).AppendLine("  " + string.Join("\n  ", table.Columns));
        }

        return text.ToString();
    }
}

public sealed record TableSchema(string Name, IReadOnlyList<ColumnSchema> Columns, IReadOnlyList<string> PrimaryKey, IReadOnlyList<IndexSchema> Indexes, IReadOnlyList<ForeignKeySchema> ForeignKeys);

public sealed record ColumnSchema(string Name, string Type, bool IsNullable)
{
    public override string ToString() => $"{Name} {Type}{(IsNullable ? " null" : " not null")}";
}

public sealed record IndexSchema(string Name, IReadOnlyList<string> Columns, bool IsUnique)
{
    public override string ToString() => $"{Name}({string.Join(",", Columns)}){(IsUnique ? " unique" : string.Empty)}";
}

public sealed record ForeignKeySchema(IReadOnlyList<string> Columns, string PrincipalTable, IReadOnlyList<string> PrincipalColumns)
{
    public override string ToString() => $"({string.Join(",", Columns)}) -> {PrincipalTable}({string.Join(",", PrincipalColumns)})";
}
