#!/usr/bin/env node
// Compiles the API's process entries to plain JavaScript so production runs `node` on built
// files, with no TypeScript loader: apps/api/dist/{server,worker,migrate,seed-demo,check-allocations}.js.
// esbuild bundles our own code (apps/api/src, the workspace packages, the generated Prisma
// client); npm packages stay external and load from node_modules as usual, so the image
// needs production dependencies only. Run by `npm run build` (and so by the Dockerfile).
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const outdir = path.join(root, "apps/api/dist");
export const entries = {
  server: "apps/api/src/server.ts",
  worker: "apps/api/src/worker.ts",
  migrate: "apps/api/src/migrate.ts",
  "seed-demo": "apps/api/src/seed-demo.ts",
  "check-allocations": "apps/api/src/features/allocation/check-cli.ts",
};

/** Bare imports other than our workspace packages (@bod/*) are left to node_modules. */
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => {
      if (args.path.startsWith("@bod/") || args.path.startsWith("node:")) return undefined;
      return { path: args.path, external: true };
    });
  },
};

/** Builds every entry into apps/api/dist and prints a one-line summary. */
export async function buildServer() {
  const started = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await build({
    absWorkingDir: root,
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, path.join(root, file)])),
    outdir,
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: "node20",
    sourcemap: "linked",
    chunkNames: "chunks/[name]-[hash]",
    plugins: [externalPackages],
    metafile: true,
    logLevel: "warning",
  });
  fs.writeFileSync(path.join(outdir, "package.json"), JSON.stringify({ type: "module" }) + "\n");
  // The npm packages the built code imports at run time: each must be a production dependency of
  // apps/api (the image installs no others); apps/api/test/compiled-server.test.ts checks it.
  const external = new Set();
  for (const output of Object.values(result.metafile.outputs)) for (const i of output.imports) if (i.external && !i.path.startsWith("node:")) external.add(i.path);
  fs.writeFileSync(path.join(outdir, "external-imports.json"), JSON.stringify([...external].sort(), null, 2) + "\n");
  const bytes = Object.entries(result.metafile.outputs).filter(([f]) => f.endsWith(".js")).reduce((n, [, o]) => n + o.bytes, 0);
  console.log(`server built: apps/api/dist (${Object.keys(entries).join(", ")}; ${(bytes / 1024).toFixed(0)} KiB of JavaScript) in ${Date.now() - started} ms`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await buildServer();
