import { buildBenchInput } from "./engine.ts";
import { buildEngineIndex } from "./_idx_tmp.ts";
const input = buildBenchInput();
for (let rep = 0; rep < 3; rep++) { buildEngineIndex(input); }
