// The migrations are hand-written SQL (Prisma's migrate engine cannot run here, see
// ARCHITECTURE.md), so this test keeps them honest: it reads prisma/schema.prisma through
// Prisma's own WASM parser, introspects the database the migrations produced, and lists every
// difference — tables, columns (type, nullability, default), enums, indexes and foreign keys.
// Both sides are reduced to the same `DatabaseShape`, so the comparison is one pure function,
// and the last tests prove that it does fail on drift (on a doctored copy and on a real ALTER).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const { get_dmmf } = require("@prisma/prisma-schema-wasm") as { get_dmmf: (params: string) => string };

const SCHEMA_PATH = path.resolve(import.meta.dirname, "../../prisma/schema.prisma");

/** Tables that are not models: Prisma's own bookkeeping. */
const IGNORED_TABLES = new Set(["_prisma_migrations"]);
/**
 * Indexes a migration may add that Prisma's schema cannot express (partial or expression
 * indexes), as "Table.index_name". Each needs a reason next to it.
 */
const ALLOWED_EXTRA_INDEXES = new Set<string>([
  // Outbound calls only (WHERE direction/channel): the balance alerts' "placed a call recently?"
  // is one probe however many messages the workspace sends (migration 20261201100000).
  "UsageEvent.UsageEvent_outbound_call_idx",
  // WHERE "endedAt" IS NULL: one open impersonation per staff member (migration 20261201120000).
  "Impersonation.Impersonation_open_per_staff_key",
  // text_pattern_ops (and lower()) for the support console's prefix search (migration 20261201130000).
  "Workspace.Workspace_name_lower_prefix_idx",
  "Workspace.Workspace_slug_prefix_idx",
  "User.User_email_prefix_idx",
]);

// ---------------------------------------------------------------------------------------------
// The shape both sides are reduced to.
// ---------------------------------------------------------------------------------------------

type Column = {
  /** As PostgreSQL's format_type() prints it, without quotes: `character varying(100)`, `Currency`. */
  type: string;
  nullable: boolean;
  /**
   * The default, normalised (casts and quotes removed): `CURRENT_TIMESTAMP`, `0`, `USD`,
   * `gen_random_uuid()`, `nextval(…)` as `autoincrement`. null: no default. "*": some default.
   */
  default: string | null;
};
type Index = { columns: string[]; descending: boolean[]; unique: boolean; primary: boolean; method: string; name?: string; special?: string };
type ForeignKey = { columns: string[]; references: string; referencedColumns: string[]; onDelete: string; onUpdate: string; name?: string };
type Table = { model?: string; columns: Record<string, Column>; indexes: Index[]; foreignKeys: ForeignKey[] };
type DatabaseShape = { tables: Record<string, Table>; enums: Record<string, string[]> };

// ---------------------------------------------------------------------------------------------
// The schema side: Prisma's DMMF → the shape migrations must produce.
// ---------------------------------------------------------------------------------------------

type DmmfField = {
  name: string;
  dbName?: string | null;
  kind: "scalar" | "enum" | "object" | "unsupported";
  type: string;
  isList: boolean;
  isRequired: boolean;
  isUpdatedAt?: boolean;
  hasDefaultValue: boolean;
  default?: unknown;
  nativeType?: [string, string[]] | null;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
};
type DmmfModel = { name: string; dbName: string | null; fields: DmmfField[] };
type DmmfEnum = { name: string; dbName?: string | null; values: { name: string; dbName: string | null }[] };
type DmmfIndex = {
  model: string;
  type: "id" | "unique" | "normal" | "fulltext";
  dbName?: string;
  algorithm?: string;
  fields: { name: string; sortOrder?: "asc" | "desc" }[];
};
type Datamodel = { models: DmmfModel[]; enums: DmmfEnum[]; indexes: DmmfIndex[] };

function readDatamodel(schema = readFileSync(SCHEMA_PATH, "utf8")): Datamodel {
  return JSON.parse(get_dmmf(JSON.stringify({ prismaSchema: schema }))).datamodel as Datamodel;
}

const tableOf = (model: DmmfModel) => model.dbName ?? model.name;
const columnOf = (field: DmmfField) => field.dbName ?? field.name;

/** The PostgreSQL type Prisma's migrations create for a scalar field (Prisma's PostgreSQL type mapping). */
function columnType(field: DmmfField, enums: Map<string, DmmfEnum>): string {
  let type: string;
  if (field.kind === "enum") {
    const definition = enums.get(field.type)!;
    type = definition.dbName ?? definition.name;
  } else {
    const [native, args = []] = field.nativeType ?? [undefined, []];
    const withArgs = (base: string) => (args.length ? `${base}(${args.join(",")})` : base);
    const precision = (base: string, zone: string) => `${base}(${args[0] ?? 3}) ${zone}`;
    switch (native ?? `@${field.type}`) {
      case "@String": case "Text": type = "text"; break;
      case "VarChar": type = withArgs("character varying"); break;
      case "Char": type = `character(${args[0] ?? 1})`; break;
      case "Uuid": type = "uuid"; break;
      case "Citext": type = "citext"; break;
      case "Inet": type = "inet"; break;
      case "Xml": type = "xml"; break;
      case "Bit": type = `bit(${args[0] ?? 1})`; break;
      case "VarBit": type = withArgs("bit varying"); break;
      case "@Boolean": case "Boolean": type = "boolean"; break;
      case "@Int": case "Integer": type = "integer"; break;
      case "SmallInt": type = "smallint"; break;
      case "Oid": type = "oid"; break;
      case "@BigInt": case "BigInt": type = "bigint"; break;
      case "@Float": case "DoublePrecision": type = "double precision"; break;
      case "Real": type = "real"; break;
      case "@Decimal": type = "numeric(65,30)"; break;
      case "Decimal": type = args.length ? `numeric(${args.join(",")})` : "numeric"; break;
      case "Money": type = "money"; break;
      case "@DateTime": case "Timestamp": type = precision("timestamp", "without time zone"); break;
      case "Timestamptz": type = precision("timestamp", "with time zone"); break;
      case "Date": type = "date"; break;
      case "Time": type = precision("time", "without time zone"); break;
      case "Timetz": type = precision("time", "with time zone"); break;
      case "@Json": case "JsonB": type = "jsonb"; break;
      case "Json": type = "json"; break;
      case "@Bytes": case "ByteA": type = "bytea"; break;
      default: type = `unknown Prisma type ${field.type} @db.${native}`;
    }
  }
  return field.isList ? `${type}[]` : type;
}

/** The default the column must have, in the normalised form of `normaliseDefault`. */
function columnDefault(field: DmmfField, enums: Map<string, DmmfEnum>): string | null {
  if (!field.hasDefaultValue) return null;
  const value = field.default;
  if (value && typeof value === "object" && "name" in value) {
    const call = value as { name: string; args: unknown[] };
    switch (call.name) {
      case "now": return "CURRENT_TIMESTAMP";
      case "autoincrement": return "autoincrement";
      case "dbgenerated": return call.args.length ? normaliseDefault(String(call.args[0])) : "*";
      // uuid(), cuid(), nanoid(), ulid() are generated by Prisma Client: no database default.
      default: return null;
    }
  }
  if (field.kind === "enum" && typeof value === "string") {
    return enums.get(field.type)!.values.find((candidate) => candidate.name === value)?.dbName ?? value;
  }
  if (Array.isArray(value)) return normaliseDefault(`{${value.join(",")}}`);
  return normaliseDefault(String(value));
}

function onDeleteDefault(fromFields: DmmfField[]): string {
  // Prisma's referential actions when none is written: Restrict for a required relation,
  // SetNull for an optional one; updates cascade.
  return fromFields.every((field) => field.isRequired) ? "Restrict" : "SetNull";
}

function schemaShape(datamodel: Datamodel): DatabaseShape {
  const enums = new Map(datamodel.enums.map((definition) => [definition.name, definition]));
  const models = new Map(datamodel.models.map((model) => [model.name, model]));
  const shape: DatabaseShape = { tables: {}, enums: {} };
  for (const definition of datamodel.enums) {
    shape.enums[definition.dbName ?? definition.name] = definition.values.map((value) => value.dbName ?? value.name);
  }
  for (const model of datamodel.models) {
    const table: Table = { model: model.name, columns: {}, indexes: [], foreignKeys: [] };
    for (const field of model.fields) {
      if (field.kind !== "scalar" && field.kind !== "enum") continue;
      table.columns[columnOf(field)] = {
        type: columnType(field, enums),
        // Scalar lists are left nullable by Prisma's migrations whatever the `?`.
        nullable: field.isList ? true : !field.isRequired,
        default: columnDefault(field, enums),
      };
    }
    for (const field of model.fields) {
      if (field.kind !== "object" || !field.relationFromFields?.length) continue;
      const target = models.get(field.type)!;
      const from = field.relationFromFields.map((name) => model.fields.find((candidate) => candidate.name === name)!);
      table.foreignKeys.push({
        columns: from.map(columnOf),
        references: tableOf(target),
        referencedColumns: field.relationToFields!.map((name) => columnOf(target.fields.find((candidate) => candidate.name === name)!)),
        onDelete: field.relationOnDelete ?? onDeleteDefault(from),
        onUpdate: field.relationOnUpdate ?? "Cascade",
      });
    }
    shape.tables[tableOf(model)] = table;
  }
  for (const index of datamodel.indexes) {
    const model = models.get(index.model)!;
    const column = (name: string) => columnOf(model.fields.find((field) => field.name === name)!);
    shape.tables[tableOf(model)].indexes.push({
      columns: index.fields.map((field) => column(field.name)),
      descending: index.fields.map((field) => field.sortOrder === "desc"),
      unique: index.type !== "normal" && index.type !== "fulltext",
      primary: index.type === "id",
      method: (index.algorithm ?? "BTree").toLowerCase(),
      name: index.dbName,
    });
  }
  return shape;
}

// ---------------------------------------------------------------------------------------------
// The database side: pg_catalog → the shape the migrations produced.
// ---------------------------------------------------------------------------------------------

const ACTIONS: Record<string, string> = { a: "NoAction", r: "Restrict", c: "Cascade", n: "SetNull", d: "SetDefault" };

/** Casts, quotes and whitespace removed, so `'USD'::"Currency"` is `USD` and `'-1'::integer` is `-1`. */
function normaliseDefault(expression: string): string {
  let text = expression.trim();
  if (/^nextval\(/i.test(text)) return "autoincrement";
  for (let previous = ""; previous !== text; ) {
    previous = text;
    text = text.replace(/::(?:"[^"]+"|[a-z_ ]+(?:\(\d+(?:,\d+)?\))?)(?:\[\])?$/i, "").trim();
    if (/^\(.*\)$/.test(text) && !/^\(.*\)\s*\(/.test(text)) text = text.slice(1, -1).trim();
  }
  const quoted = /^'(.*)'$/s.exec(text);
  if (quoted) return quoted[1].replace(/''/g, "'");
  if (/^now\(\)$/i.test(text)) return "CURRENT_TIMESTAMP";
  return text.replace(/\s+/g, " ");
}

async function databaseShape(client: pg.ClientBase): Promise<DatabaseShape> {
  const shape: DatabaseShape = { tables: {}, enums: {} };
  const { rows: tables } = await client.query<{ table: string }>(`
    SELECT c.relname AS table FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p')`);
  for (const { table } of tables) {
    if (!IGNORED_TABLES.has(table)) shape.tables[table] = { columns: {}, indexes: [], foreignKeys: [] };
  }

  const { rows: columns } = await client.query<{ table: string; column: string; type: string; not_null: boolean; default: string | null }>(`
    SELECT c.relname AS table, a.attname AS column, format_type(a.atttypid, a.atttypmod) AS type,
           a.attnotnull AS not_null, pg_get_expr(d.adbin, d.adrelid) AS default
    FROM pg_attribute a
    JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
    LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
    WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p') AND a.attnum > 0 AND NOT a.attisdropped
    ORDER BY c.relname, a.attnum`);
  for (const row of columns) {
    const table = shape.tables[row.table];
    if (!table) continue;
    table.columns[row.column] = {
      // Without a precision, PostgreSQL's timestamps and times keep 6 digits.
      type: row.type.replace(/"/g, "").replace(/^(timestamp|time) (with|without) time zone/, "$1(6) $2 time zone"),
      nullable: !row.not_null,
      default: row.default === null ? null : normaliseDefault(row.default),
    };
  }

  const { rows: indexes } = await client.query<{
    table: string; name: string; unique: boolean; primary: boolean; method: string;
    columns: (string | null)[]; descending: boolean[]; expression: boolean; partial: boolean;
  }>(`
    SELECT t.relname AS table, i.relname AS name, x.indisunique AS unique, x.indisprimary AS primary, am.amname AS method,
           array(SELECT a.attname::text FROM unnest(x.indkey) WITH ORDINALITY k(attnum, position)
                 LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.position) AS columns,
           array(SELECT (option & 1) = 1 FROM unnest(x.indoption::int2[]) WITH ORDINALITY o(option, position) ORDER BY o.position) AS descending,
           x.indexprs IS NOT NULL AS expression, x.indpred IS NOT NULL AS partial
    FROM pg_index x
    JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace JOIN pg_am am ON am.oid = i.relam
    WHERE n.nspname = 'public'`);
  for (const row of indexes) {
    shape.tables[row.table]?.indexes.push({
      columns: row.columns.map((column) => column ?? "(expression)"),
      descending: row.descending,
      unique: row.unique,
      primary: row.primary,
      method: row.method,
      name: row.name,
      special: row.expression ? "expression" : row.partial ? "partial" : undefined,
    });
  }

  const { rows: foreignKeys } = await client.query<{
    table: string; name: string; references: string; columns: string[]; referenced_columns: string[]; on_delete: string; on_update: string;
  }>(`
    SELECT t.relname AS table, con.conname AS name, r.relname AS references,
           array(SELECT a.attname::text FROM unnest(con.conkey) WITH ORDINALITY k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = con.conrelid AND a.attnum = k.attnum ORDER BY k.position) AS columns,
           array(SELECT a.attname::text FROM unnest(con.confkey) WITH ORDINALITY k(attnum, position)
                 JOIN pg_attribute a ON a.attrelid = con.confrelid AND a.attnum = k.attnum ORDER BY k.position) AS referenced_columns,
           con.confdeltype AS on_delete, con.confupdtype AS on_update
    FROM pg_constraint con
    JOIN pg_class t ON t.oid = con.conrelid JOIN pg_class r ON r.oid = con.confrelid
    JOIN pg_namespace n ON n.oid = t.relnamespace
    WHERE con.contype = 'f' AND n.nspname = 'public'`);
  for (const row of foreignKeys) {
    shape.tables[row.table]?.foreignKeys.push({
      columns: row.columns,
      references: row.references,
      referencedColumns: row.referenced_columns,
      onDelete: ACTIONS[row.on_delete] ?? row.on_delete,
      onUpdate: ACTIONS[row.on_update] ?? row.on_update,
      name: row.name,
    });
  }

  const { rows: enums } = await client.query<{ name: string; labels: string[] }>(`
    SELECT t.typname AS name, array_agg(e.enumlabel::text ORDER BY e.enumsortorder) AS labels
    FROM pg_type t JOIN pg_enum e ON e.enumtypid = t.oid JOIN pg_namespace n ON n.oid = t.typnamespace
    WHERE n.nspname = 'public' GROUP BY t.typname`);
  for (const row of enums) shape.enums[row.name] = row.labels;
  return shape;
}

// ---------------------------------------------------------------------------------------------
// The comparison: one sentence per difference.
// ---------------------------------------------------------------------------------------------

function describeIndex(index: Index): string {
  const kind = index.primary ? "PRIMARY KEY" : index.unique ? "UNIQUE INDEX" : "INDEX";
  const columns = index.columns.map((column, i) => (index.descending[i] ? `${column} DESC` : column)).join(", ");
  return `${kind} (${columns})${index.method === "btree" ? "" : ` USING ${index.method}`}`;
}

function describeForeignKey(key: ForeignKey): string {
  return `FOREIGN KEY (${key.columns.join(", ")}) REFERENCES ${key.references}(${key.referencedColumns.join(", ")}) ON DELETE ${key.onDelete} ON UPDATE ${key.onUpdate}`;
}

const list = (values: string[]) => `[${values.join(", ")}]`;

/** Every way `database` differs from what `schema` requires, as sentences; empty when in step. */
function compareShapes(schema: DatabaseShape, database: DatabaseShape): string[] {
  const differences: string[] = [];

  for (const [name, labels] of Object.entries(schema.enums)) {
    const actual = database.enums[name];
    if (!actual) differences.push(`enum ${name}: missing from the database (schema values ${list(labels)})`);
    else if (list(actual) !== list(labels)) differences.push(`enum ${name}: database has ${list(actual)}, schema has ${list(labels)}`);
  }
  for (const name of Object.keys(database.enums)) {
    if (!schema.enums[name]) differences.push(`enum ${name}: in the database (${list(database.enums[name])}) but not in the schema`);
  }

  for (const [tableName, expected] of Object.entries(schema.tables)) {
    const actual = database.tables[tableName];
    const label = expected.model && expected.model !== tableName ? `${tableName} (model ${expected.model})` : tableName;
    if (!actual) {
      differences.push(`table ${label}: missing from the database`);
      continue;
    }
    for (const [columnName, column] of Object.entries(expected.columns)) {
      const found = actual.columns[columnName];
      const where = `${tableName}.${columnName}`;
      if (!found) {
        differences.push(`${where}: column missing from the database (schema: ${column.type}${column.nullable ? "" : " NOT NULL"})`);
        continue;
      }
      if (found.type !== column.type) differences.push(`${where}: type is ${found.type} in the database, ${column.type} in the schema`);
      if (found.nullable !== column.nullable) {
        differences.push(`${where}: ${found.nullable ? "nullable" : "NOT NULL"} in the database, ${column.nullable ? "nullable" : "NOT NULL"} in the schema`);
      }
      const defaultsMatch =
        column.default === "*" ? found.default !== null : (found.default ?? "").toLowerCase() === (column.default ?? "").toLowerCase();
      if (!defaultsMatch) {
        differences.push(`${where}: default is ${found.default ?? "none"} in the database, ${column.default === "*" ? "some database default" : (column.default ?? "none")} in the schema`);
      }
    }
    for (const columnName of Object.keys(actual.columns)) {
      if (!expected.columns[columnName]) {
        differences.push(`${tableName}.${columnName}: column in the database (${actual.columns[columnName].type}) but not in the schema`);
      }
    }

    const remaining = [...actual.indexes];
    for (const index of expected.indexes) {
      const at = remaining.findIndex((candidate) => !candidate.special && describeIndex(candidate) === describeIndex(index));
      if (at === -1) differences.push(`${tableName}: ${describeIndex(index)} missing from the database`);
      else remaining.splice(at, 1);
    }
    for (const index of remaining) {
      if (ALLOWED_EXTRA_INDEXES.has(`${tableName}.${index.name}`)) continue;
      differences.push(`${tableName}: ${index.special ? `${index.special} ` : ""}${describeIndex(index)} "${index.name}" in the database but not in the schema`);
    }

    const keys = [...actual.foreignKeys];
    for (const key of expected.foreignKeys) {
      const at = keys.findIndex((candidate) => describeForeignKey(candidate) === describeForeignKey(key));
      if (at === -1) {
        const near = keys.find((candidate) => list(candidate.columns) === list(key.columns) && candidate.references === key.references);
        differences.push(
          `${tableName}: ${describeForeignKey(key)} missing from the database` + (near ? ` (it has ${describeForeignKey(near)})` : ""),
        );
      } else keys.splice(at, 1);
    }
    for (const key of keys) {
      if (expected.foreignKeys.some((candidate) => list(candidate.columns) === list(key.columns) && candidate.references === key.references)) continue;
      differences.push(`${tableName}: ${describeForeignKey(key)} "${key.name}" in the database but not in the schema`);
    }
  }
  for (const tableName of Object.keys(database.tables)) {
    if (!schema.tables[tableName]) differences.push(`table ${tableName}: in the database but no model maps to it`);
  }
  return differences;
}

// ---------------------------------------------------------------------------------------------

let client: pg.Client;
beforeAll(async () => {
  client = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await client.connect();
});
afterAll(async () => {
  await client.end();
});

describe("prisma/schema.prisma and the migrated database", () => {
  it("describe the same tables, columns, enums, indexes and foreign keys", async () => {
    const schema = schemaShape(readDatamodel());
    // Not vacuous: the models the app is built on are there.
    expect(Object.keys(schema.tables)).toEqual(expect.arrayContaining(["Workspace", "User", "Membership", "Wallet", "LoginThrottle"]));
    const differences = compareShapes(schema, await databaseShape(client));
    expect(differences, `The migrations and prisma/schema.prisma disagree:\n  ${differences.join("\n  ")}\n`).toEqual([]);
  });
});

describe("the drift check itself", () => {
  it("maps Prisma types, defaults and referential actions the way Prisma's migrations do", () => {
    const shape = schemaShape(
      readDatamodel(`
        datasource db {
          provider = "postgresql"
        }
        enum Tier {
          gold   @map("GOLD")
          silver
          @@map("tier")
        }
        model Parent {
          id       Int      @id @default(autoincrement())
          label    String   @default("it's")
          tier     Tier     @default(gold)
          ratio    Decimal  @default(0.5)
          offset   Int      @default(-1)
          external String   @default(uuid())
          tags     String[]
          seen     DateTime
          children Child[]
          @@index([label(sort: Desc)], map: "parent_label")
          @@map("parents")
        }
        model Child {
          id       String    @id @db.Uuid
          parentId Int?      @map("parent_id")
          code     String    @db.Char(3)
          at       DateTime  @db.Timestamptz(6)
          parent   Parent?   @relation(fields: [parentId], references: [id])
          @@unique([code, parentId])
        }
      `),
    );
    expect(shape.enums).toEqual({ tier: ["GOLD", "silver"] });
    expect(shape.tables.parents.columns).toEqual({
      id: { type: "integer", nullable: false, default: "autoincrement" },
      label: { type: "text", nullable: false, default: "it's" },
      tier: { type: "tier", nullable: false, default: "GOLD" },
      ratio: { type: "numeric(65,30)", nullable: false, default: "0.5" },
      offset: { type: "integer", nullable: false, default: "-1" },
      external: { type: "text", nullable: false, default: null },
      tags: { type: "text[]", nullable: true, default: null },
      seen: { type: "timestamp(3) without time zone", nullable: false, default: null },
    });
    expect(shape.tables.parents.indexes.map(describeIndex)).toEqual(["PRIMARY KEY (id)", "INDEX (label DESC)"]);
    expect(shape.tables.Child.columns.parent_id).toEqual({ type: "integer", nullable: true, default: null });
    expect(shape.tables.Child.columns.code.type).toBe("character(3)");
    expect(shape.tables.Child.columns.at.type).toBe("timestamp(6) with time zone");
    expect(shape.tables.Child.foreignKeys.map(describeForeignKey)).toEqual([
      "FOREIGN KEY (parent_id) REFERENCES parents(id) ON DELETE SetNull ON UPDATE Cascade",
    ]);
    expect(shape.tables.Child.indexes.map(describeIndex)).toContain("UNIQUE INDEX (code, parent_id)");
  });

  it("normalises PostgreSQL's default expressions", () => {
    expect(normaliseDefault(`'USD'::"Currency"`)).toBe("USD");
    expect(normaliseDefault("'-1'::integer")).toBe("-1");
    expect(normaliseDefault("'it''s'::text")).toBe("it's");
    expect(normaliseDefault("'x'::character varying")).toBe("x");
    expect(normaliseDefault(`nextval('"Parent_id_seq"'::regclass)`)).toBe("autoincrement");
    expect(normaliseDefault("gen_random_uuid()")).toBe("gen_random_uuid()");
    expect(normaliseDefault("CURRENT_TIMESTAMP")).toBe("CURRENT_TIMESTAMP");
    expect(normaliseDefault("false")).toBe("false");
  });

  it("reports every kind of difference on a doctored copy", () => {
    const schema = schemaShape(readDatamodel());
    const doctored: DatabaseShape = structuredClone(schema);
    delete doctored.tables.Workspace.model;
    doctored.tables.Workspace.columns.name.type = "character varying(50)";
    doctored.tables.Workspace.columns.billingEmail.nullable = false;
    doctored.tables.Wallet.columns.paidBalance.default = null;
    delete doctored.tables.User.columns.locale;
    doctored.tables.User.columns.nickname = { type: "text", nullable: true, default: null };
    doctored.tables.Membership.indexes = doctored.tables.Membership.indexes.filter((index) => index.unique);
    doctored.tables.Membership.foreignKeys[0].onDelete = "Restrict";
    doctored.tables.Wallet.foreignKeys = [];
    doctored.enums.Currency = ["USD", "EUR"];
    doctored.tables.Stray = { columns: {}, indexes: [], foreignKeys: [] };
    delete doctored.tables.LoginThrottle;

    expect(compareShapes(schema, doctored).sort()).toEqual(
      [
        "enum Currency: database has [USD, EUR], schema has [USD, INR]",
        "Workspace.name: type is character varying(50) in the database, character varying(100) in the schema",
        "Workspace.billingEmail: NOT NULL in the database, nullable in the schema",
        "Wallet.paidBalance: default is none in the database, 0 in the schema",
        "User.locale: column missing from the database (schema: character varying(5))",
        "User.nickname: column in the database (text) but not in the schema",
        "Membership: INDEX (userId) missing from the database",
        "Membership: FOREIGN KEY (workspaceId) REFERENCES Workspace(id) ON DELETE Cascade ON UPDATE Cascade missing from the database " +
          "(it has FOREIGN KEY (workspaceId) REFERENCES Workspace(id) ON DELETE Restrict ON UPDATE Cascade)",
        "Wallet: FOREIGN KEY (workspaceId) REFERENCES Workspace(id) ON DELETE Cascade ON UPDATE Cascade missing from the database",
        "table LoginThrottle: missing from the database",
        "table Stray: in the database but no model maps to it",
      ].sort(),
    );
  });

  it("catches drift in a real database (altered inside a transaction that is rolled back)", async () => {
    const schema = schemaShape(readDatamodel());
    // Whatever drift there already is (the first test reports it) is not this test's business.
    const before = compareShapes(schema, await databaseShape(client));
    await client.query("BEGIN");
    try {
      await client.query(`ALTER TABLE "Workspace" ALTER COLUMN "name" TYPE VARCHAR(50)`);
      await client.query(`ALTER TABLE "Workspace" ALTER COLUMN "billingEmail" SET NOT NULL`);
      await client.query(`ALTER TABLE "Wallet" ALTER COLUMN "paidBalance" DROP DEFAULT`);
      await client.query(`DROP INDEX "Membership_userId_idx"`);
      await client.query(`CREATE INDEX "Workspace_name_idx" ON "Workspace" (lower("name"))`);
      await client.query(`ALTER TABLE "Wallet" DROP CONSTRAINT "Wallet_workspaceId_fkey"`);
      await client.query(`ALTER TYPE "Currency" ADD VALUE 'EUR'`);
      await client.query(`CREATE TABLE "Stray" ("id" INTEGER PRIMARY KEY)`);
      const differences = compareShapes(schema, await databaseShape(client)).filter((line) => !before.includes(line));
      expect(differences.sort()).toEqual(
        [
          "enum Currency: database has [USD, INR, EUR], schema has [USD, INR]",
          "Workspace.name: type is character varying(50) in the database, character varying(100) in the schema",
          "Workspace.billingEmail: NOT NULL in the database, nullable in the schema",
          "Wallet.paidBalance: default is none in the database, 0 in the schema",
          "Membership: INDEX (userId) missing from the database",
          `Workspace: expression INDEX ((expression)) "Workspace_name_idx" in the database but not in the schema`,
          "Wallet: FOREIGN KEY (workspaceId) REFERENCES Workspace(id) ON DELETE Cascade ON UPDATE Cascade missing from the database",
          "table Stray: in the database but no model maps to it",
        ].sort(),
      );
    } finally {
      await client.query("ROLLBACK");
    }
    expect(compareShapes(schema, await databaseShape(client))).toEqual(before);
  });
});
