// The first import of the process entries (server.ts, worker.ts), so it runs before any other
// module loads: `--help` prints every variable and exits 0; a bad or missing value prints one line
// naming the variable and exits 2, with no stack trace. Later reads of the environment (modules'
// own settings, through config.ts) can then not fail.
import path from "node:path";
import { ConfigError, configHelp, readConfig, type Config } from "./config.ts";

const entry = path.basename(process.argv[1] ?? "server.ts");
if (process.argv.includes("--help") || process.argv.includes("-h")) {
  console.log(configHelp(entry.endsWith(".js") ? `node apps/api/dist/${entry}` : `node --import tsx apps/api/src/${entry}`));
  process.exit(0);
}

function load(): Config {
  try {
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    throw error;
  }
}

export const config: Config = load();
