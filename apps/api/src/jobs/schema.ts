// The job queue's own tables: graphile-worker's schema `graphile_worker`, installed and upgraded
// by graphile-worker's migrations (run before ours, as the tables' owner). docs/decisions/009.
import { runMigrations } from "graphile-worker";
import { queueLogger } from "./logger.ts";

export async function installJobQueueSchema(connectionString: string): Promise<void> {
  await runMigrations({ connectionString, logger: queueLogger("warn") });
}
