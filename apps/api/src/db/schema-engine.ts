// Prisma's own schema engine, compiled to WebAssembly, driven through @prisma/adapter-pg.
// It replaces the native `schema-engine` binary of `prisma migrate`, which cannot be
// downloaded on every machine (docs/decisions/002-migrations-without-native-engine.md).
// Used by development commands only (create a migration, check drift); the server applies
// migrations with the plain SQL runner in migrations.ts.
import fs from "node:fs";
import path from "node:path";
import { createRequire } from "node:module";
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import { SCHEMA_PATH } from "./migrations.ts";

const require = createRequire(import.meta.url);

// adapter-pg throws UnsupportedNativeDataType for Postgres "char" (OID 18, used by
// pg_catalog) during introspection, while the engine wants such columns typed as
// Character: the pool reports them as text (OID 25) and remembers where they were, and
// the adapter's result is then corrected to Character.
const CHAR_OID = 18;
const TEXT_OID = 25;
const CHARACTER_COLUMN_TYPE = 6; // ColumnTypeEnum.Character in @prisma/driver-adapter-utils

class CharAsTextPool extends pg.Pool {
  constructor(config: pg.PoolConfig) {
    super(config);
    this.on("error", () => {});
  }
  override async query(...args: unknown[]): Promise<any> {
    const result: any = await (super.query as any)(...args);
    const charColumns: number[] = [];
    (result?.fields ?? []).forEach((field: any, i: number) => {
      if (field.dataTypeID === CHAR_OID) {
        field.dataTypeID = TEXT_OID;
        charColumns.push(i);
      }
    });
    if (charColumns.length) result.charColumns = charColumns;
    return result;
  }
}

function typeCharColumnsAsCharacter(adapter: any) {
  const charColumnsByQuery = new WeakMap<object, number[]>();
  const performIO = adapter.performIO.bind(adapter);
  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.performIO = async (query: object) => {
    const result = await performIO(query);
    if (result.charColumns) charColumnsByQuery.set(query, result.charColumns);
    return result;
  };
  adapter.queryRaw = async (query: object) => {
    const result = await queryRaw(query);
    for (const i of charColumnsByQuery.get(query) ?? []) result.columnTypes[i] = CHARACTER_COLUMN_TYPE;
    return result;
  };
  return adapter;
}

function poolConfig(databaseUrl: string): pg.PoolConfig {
  const u = new URL(databaseUrl);
  return {
    host: u.hostname,
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: u.pathname.slice(1),
    max: 1,
  };
}

let wasm: Promise<any> | undefined;

/** The WASM module is instantiated once per process: its JS glue keeps one instance. */
function loadWasm(): Promise<any> {
  wasm ??= (async () => {
    (globalThis as any).PRISMA_WASM_PANIC_REGISTRY = { set_message: (m: string) => console.error("schema-engine panic:", m) };
    const bg: any = await import("@prisma/schema-engine-wasm/schema_engine_bg");
    const wasmPath = path.join(path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg")), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(fs.readFileSync(wasmPath), { "./schema_engine_bg.js": bg });
    bg.__wbg_set_wasm(instance.exports);
    (instance.exports as any).__wbindgen_start();
    return bg;
  })();
  return wasm;
}

export interface SchemaEngine {
  /** SQL that takes the live database to schema.prisma ("" when they match). */
  diffDatabaseToSchema(): Promise<string>;
  free(): void;
}

/** `schemaText`: the datamodel to compare with (default: prisma/schema.prisma as it is on disk). */
export async function openSchemaEngine(databaseUrl: string, schemaText?: string): Promise<SchemaEngine> {
  const bg = await loadWasm();

  const cfg = poolConfig(databaseUrl);
  const base = new PrismaPg(new CharAsTextPool(cfg) as any);
  // adapter-pg's own connectToShadowDb drops the shadow database before closing its pool,
  // which fails with "being accessed by other users": create and drop it ourselves.
  const factory = bindMigrationAwareSqlAdapterFactory({
    provider: "postgres",
    adapterName: base.adapterName,
    connect: async () => typeCharColumnsAsCharacter(await base.connect()),
    connectToShadowDb: async () => {
      const name = `shadow_${process.pid}_${Date.now()}`;
      const admin = new pg.Client(cfg);
      admin.on("error", () => {});
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      const adapter: any = typeCharColumnsAsCharacter(await new PrismaPg(new CharAsTextPool({ ...cfg, database: name }) as any).connect());
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await adapter.underlyingDriver().end();
        await admin.query(`DROP DATABASE "${name}" WITH (FORCE)`);
        await admin.end();
      };
      return adapter;
    },
  } as any);

  const schema = schemaText ?? fs.readFileSync(SCHEMA_PATH, "utf8");
  const files = [{ path: SCHEMA_PATH, content: schema }];
  const filters = { externalTables: [], externalEnums: [] };
  const engine = await bg.SchemaEngine.new({ datamodels: [[SCHEMA_PATH, schema]] }, () => {}, factory);

  return {
    async diffDatabaseToSchema() {
      const d = await engine.diff({ from: { tag: "schemaDatasource", files, configDir: process.cwd() }, to: { tag: "schemaDatamodel", files }, script: true, exitCode: null, filters });
      return emptyIfNoop(d.stdout);
    },
    free() {
      engine.free();
    },
  };
}

function emptyIfNoop(sql: string): string {
  return sql.includes("-- This is an empty migration.") ? "" : sql.trim();
}
