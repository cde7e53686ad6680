// The embedded default database: PGlite (PostgreSQL compiled to WebAssembly) with its data
// under a folder, served on a loopback port over the PostgreSQL wire protocol so the API and
// the job worker talk to it exactly as to a server. Connections take turns on its one
// session (embedded-server.ts): a transaction or an exchange is never interleaved.
import fs from "node:fs";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { EmbeddedPgServer } from "./embedded-server.ts";

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

export async function startEmbeddedDatabase(dataDir: string): Promise<EmbeddedDatabase> {
  fs.mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the order list's search index (migration order_list) needs it.
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new EmbeddedPgServer(db);
  const port = await server.listen(0);
  return {
    url: `postgres://postgres@127.0.0.1:${port}/postgres`,
    async stop() {
      await server.close();
      await db.close();
    },
  };
}
