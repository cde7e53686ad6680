// npm run docs:config: writes the README's configuration table from the schema in
// apps/api/src/config.ts (apps/api/test/config.test.ts fails when they disagree).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { configTable, replaceConfigTable } from "../apps/api/src/config.ts";

const readme = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../README.md");
fs.writeFileSync(readme, replaceConfigTable(fs.readFileSync(readme, "utf8"), configTable()));
console.log("README.md: configuration table written");
