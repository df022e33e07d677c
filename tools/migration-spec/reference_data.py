# Generates the two hand-written migration classes for the reference-data tables from one table spec,
# so SQLite and PostgreSQL cannot drift from each other by a typo.
import sys
tables = [
 ("departments", [("code","s",32,False),("name","s",64,False),("name_en","s",128,False),("kind","s",16,False),("street_code","s",9,True)], ["code"], [], []),
 ("catalog_items", [("code","s",16,False),("standard_code","s",8,False),("kind","s",16,False),("major_class_code","s",4,False),("major_class_name","s",32,False),
   ("minor_class_code","s",4,False),("minor_class_name","s",64,False),("name","s",64,False),("name_en","s",128,False),("department_codes","t",None,False),
   ("tier","s",16,False),("slas","t",None,False),("default_severity","i",None,False),("is_on_the_spot","b",None,False),("feed_keys","t",None,False)],
   ["code"], [("IX_catalog_items_standard_code",["standard_code"],False)], []),
 ("districts", [("code","s",6,False),("name","s",32,False),("name_en","s",64,False)], ["code"], [], []),
 ("streets", [("code","s",9,False),("name","s",32,False),("name_en","s",64,False),("kind","s",16,False)], ["code"], [], []),
 ("communities", [("code","s",12,False),("street_code","s",9,False),("name","s",32,False),("name_en","s",64,False),("kind","s",16,False)], ["code"],
   [("IX_communities_street_code",["street_code"],False)], [("FK_communities_streets_street_code","street_code","streets","code")]),
 ("grid_cells", [("code","s",15,False),("community_code","s",12,False),("street_code","s",9,False),("name","s",48,False),("name_en","s",96,False),("households","i",None,False),("population","i",None,False)], ["code"],
   [("IX_grid_cells_community_code",["community_code"],False),("IX_grid_cells_street_code",["street_code"],False)], [("FK_grid_cells_communities_community_code","community_code","communities","code")]),
 ("enclaves", [("id","s",32,False),("name","s",64,False),("name_en","s",128,False),("note","s",512,False),("candidate_street_codes","s",64,False)], ["id"], [], []),
 ("cameras", [("id","s",32,False),("name","s",64,False),("kind","s",16,False),("longitude","d",None,False),("latitude","d",None,False),("grid_code","s",15,False),("isapi_device_serial","s",64,False),("isapi_channel","i",None,False),("is_online","b",None,False)], ["id"],
   [("IX_cameras_grid_code",["grid_code"],False),("IX_cameras_isapi_device_serial_isapi_channel",["isapi_device_serial","isapi_channel"],True)], []),
 ("sensors", [("id","s",32,False),("kind","s",16,False),("name","s",64,False),("longitude","d",None,False),("latitude","d",None,False),("grid_code","s",15,False),("heartbeat_seconds","l",None,False),("thresholds","t",None,False)], ["id"],
   [("IX_sensors_grid_code",["grid_code"],False)], []),
 ("guard_posts", [("id","s",32,False),("name","s",64,False),("longitude","d",None,False),("latitude","d",None,False),("grid_code","s",15,False)], ["id"], [], []),
]
areas = {"districts","streets","communities","grid_cells","enclaves"}
for t in tables:
    if t[0] in areas:
        t[1].extend([("boundary","g",None,False),("min_lon","d",None,False),("min_lat","d",None,False),("max_lon","d",None,False),("max_lat","d",None,False)])

clr = {"s":"string","t":"string","i":"int","l":"long","b":"bool","d":"double","g":"byte[]"}
def sqlite_type(k,n): return {"s":"TEXT","t":"TEXT","i":"INTEGER","l":"INTEGER","b":"INTEGER","d":"REAL","g":"BLOB"}[k]
def pg_type(k,n): return {"s":f"character varying({n})","t":"text","i":"integer","l":"bigint","b":"boolean","d":"double precision","g":"bytea"}[k]

def gen(provider, ns, ctx, typef, name, mid, extra_using=""):
    out = [f"using Microsoft.EntityFrameworkCore.Infrastructure;", "using Microsoft.EntityFrameworkCore.Migrations;", "",
           f"namespace Dashboard.Core.Storage.Migrations.{ns};", "",
           f"/// <summary>",
           f"/// Reference data: the administrative hierarchy with boundaries, the catalog and departments, and the device",
           f"/// registry. Generated from one table list by tools/migration-spec/reference_data.py so both providers agree.",
           f"/// </summary>",
           f"[DbContext(typeof({ctx}))]", f"[Migration(\"{mid}\")]", f"public sealed class {name} : Migration", "{",
           "    protected override void Up(MigrationBuilder migrationBuilder)", "    {"]
    for (tname, cols, pk, idx, fks) in tables:
        out.append(f"        migrationBuilder.CreateTable(")
        out.append(f"            name: \"{tname}\",")
        out.append(f"            columns: table => new")
        out.append(f"            {{")
        for (c,k,n,nullable) in cols:
            ml = f", maxLength: {n}" if k=="s" else ""
            out.append(f"                {c} = table.Column<{clr[k]}>(type: \"{typef(k,n)}\"{ml}, nullable: {str(nullable).lower()}),")
        out.append(f"            }},")
        cons = [f"table.PrimaryKey(\"PK_{tname}\", x => " + (f"x.{pk[0]}" if len(pk)==1 else "new { " + ", ".join("x."+p for p in pk) + " }") + ");"]
        for (fname,col,ptable,pcol) in fks:
            cons.append(f"table.ForeignKey(\"{fname}\", x => x.{col}, \"{ptable}\", \"{pcol}\", onDelete: ReferentialAction.Restrict);")
        out.append(f"            constraints: table =>")
        out.append(f"            {{")
        for c in cons: out.append(f"                {c}")
        out.append(f"            }});")
        for (iname, icols, uniq) in idx:
            colexpr = f"\"{icols[0]}\"" if len(icols)==1 else "[" + ", ".join(f"\"{c}\"" for c in icols) + "]"
            u = ", unique: true" if uniq else ""
            out.append(f"        migrationBuilder.CreateIndex(\"{iname}\", \"{tname}\", {colexpr}{u});")
        out.append("")
    out[-1:] = []
    out += ["    }", "", "    protected override void Down(MigrationBuilder migrationBuilder)", "    {"]
    for (tname, *_ ) in reversed(tables):
        out.append(f"        migrationBuilder.DropTable(\"{tname}\");")
    out += ["    }", "}", ""]
    return "\n".join(out)

root = sys.argv[1]
mid = "20261123000002_ReferenceData"
open(f"{root}/Dashboard.Core/Storage/Migrations/Sqlite/{mid}.cs","w").write(gen("sqlite","Sqlite","SqliteCityDbContext",sqlite_type,"ReferenceData",mid))
open(f"{root}/Dashboard.Core/Storage/Migrations/Postgres/{mid}.cs","w").write(gen("pg","Postgres","PostgresCityDbContext",pg_type,"ReferenceData",mid))
