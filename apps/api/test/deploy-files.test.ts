// The deployment files agree with the build and with each other (no Docker daemon is needed to
// read them): the Dockerfile installs every workspace from the lockfile, runs only built entries as
// a non-root user with a health check; docker-compose.yml migrates once before web and worker
// start, connects the app as bod_app, and seeds demo data only in the demo profile; the GitHub
// workflow runs `npm test` with Postgres as a service and Playwright's Chromium.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { entries } from "../../../scripts/build-server.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../../..");
const read = (file: string) => fs.readFileSync(path.join(root, file), "utf8");
const dockerfile = read("Dockerfile");
const compose = parse(read("docker-compose.yml"), { merge: true }); // `<<:` merge keys, as Compose reads them
const builtEntry = /node apps\/api\/dist\/([\w-]+)\.js/g;

/** The instructions of one stage (`FROM … AS name` up to the next FROM). */
function stage(name: string): string {
  const parts = dockerfile.split(/^(?=FROM )/m);
  const found = parts.find((p) => new RegExp(`^FROM \\S+ AS ${name}$`, "m").test(p.split("\n")[0]!));
  if (!found) throw new Error(`no stage ${name}`);
  return found;
}

describe("Dockerfile", () => {
  it("installs from the lockfile with every workspace's package.json, builds, then keeps production dependencies only", () => {
    const workspaces = ["apps", "packages"].flatMap((d) => fs.readdirSync(path.join(root, d)).filter((n) => fs.existsSync(path.join(root, d, n, "package.json"))).map((n) => `${d}/${n}/package.json`));
    expect(workspaces.length).toBeGreaterThanOrEqual(4);
    for (const file of ["package.json package-lock.json", ...workspaces]) expect(stage("manifests")).toContain(`COPY ${file} `);
    for (const s of ["build", "deps"]) expect(stage(s)).toMatch(/^COPY --from=manifests \/app \.\/$/m);
    expect(stage("build")).toMatch(/^RUN npm ci$/m);
    expect(stage("build")).toMatch(/^RUN npm run build$/m);
    expect(JSON.parse(read("package.json")).scripts.build).toContain("npm run build:server");
    expect(stage("deps")).toMatch(/^RUN npm ci --omit=dev && node scripts\/prune-dev-optional\.mjs/m);
  });

  it("runs built JavaScript as a non-root user, with a health check, the SPA and the migrations inside", () => {
    const runtime = stage("runtime");
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).not.toMatch(/tsx|\.ts\b/);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n\s+CMD .*\/api\/health/m);
    expect(runtime).toMatch(/^CMD \["node", "apps\/api\/dist\/server\.js"\]$/m);
    expect(runtime).toContain("SEED_DEMO=false");
    for (const from of ["/app/apps/api/dist", "/app/apps/web/dist", "/app/prisma/migrations"]) expect(runtime).toContain(`COPY --from=build ${from} `);
    for (const [, entry] of dockerfile.matchAll(builtEntry)) expect(Object.keys(entries)).toContain(entry);
  });

  it("leaves dependencies and build output out of the context", () => {
    const ignored = read(".dockerignore").split("\n");
    for (const p of ["node_modules", "**/node_modules", "**/dist", "apps/api/src/generated", ".data", ".git", ".env"]) expect(ignored).toContain(p);
  });
});

describe("docker-compose.yml", () => {
  const services = compose.services as Record<string, any>;
  const command = (s: any) => (s.command ?? ["node", "apps/api/dist/server.js"]).join(" ");

  it("has Postgres, a one-shot migration, the web server and a worker, all commands built entries", () => {
    expect(Object.keys(services).sort()).toEqual(["db", "demo-seed", "migrate", "web", "worker"]);
    for (const name of ["migrate", "web", "worker", "demo-seed"]) {
      const [, entry] = /node apps\/api\/dist\/([\w-]+)\.js/.exec(command(services[name]))!;
      expect(Object.keys(entries)).toContain(entry);
      expect(services[name].build).toBe(".");
    }
    expect(command(services.migrate)).toBe("node apps/api/dist/migrate.js");
    expect(services.migrate.restart).toBe("no");
    expect(services.migrate.depends_on).toEqual({ db: { condition: "service_healthy" } });
    for (const name of ["web", "worker", "demo-seed"]) expect(services[name].depends_on).toEqual({ migrate: { condition: "service_completed_successfully" } });
  });

  it("connects the app as bod_app and the migrations as the owner; demo data only in the demo profile", () => {
    for (const name of ["web", "worker", "migrate"]) {
      const env = services[name].environment;
      expect(env.DATABASE_URL).toMatch(/^postgres:\/\/bod_app:/);
      expect(env.MIGRATION_DATABASE_URL).toMatch(/^postgres:\/\/postgres:/);
      expect(env.SEED_DEMO).toBe("false");
      expect(services[name].profiles).toBeUndefined();
    }
    expect(services.web.environment.WORKER_IN_PROCESS).toBe("false"); // the worker service runs the jobs
    expect(services["demo-seed"].profiles).toEqual(["demo"]);
    expect(command(services["demo-seed"])).toBe("node apps/api/dist/seed-demo.js");
    const init = services.db.volumes.find((v: string) => v.includes("docker-entrypoint-initdb.d"));
    expect(init.split(":")[0]).toBe("./deploy/postgres/create-app-role.sh");
    expect(read("deploy/postgres/create-app-role.sh")).toContain("CREATE ROLE bod_app LOGIN NOSUPERUSER");
  });
});

describe("GitHub workflow", () => {
  const workflow = parse(read(".github/workflows/ci.yml"));
  const job = workflow.jobs.test;
  const runs = job.steps.map((s: any) => s.run ?? "").join("\n");

  it("runs npm test against a Postgres service with Playwright's Chromium and uploads the report", () => {
    expect(job["runs-on"]).toBe("ubuntu-latest");
    expect(job.services.postgres.image).toMatch(/^postgres:1[5-7]$/);
    expect(runs).toContain("npx playwright install --with-deps chromium");
    expect(runs).not.toMatch(/apt-get install[^\n]*chromium/);
    expect(runs).toMatch(/^npm test$/m);
    const uploads = job.steps.filter((s: any) => String(s.uses).startsWith("actions/upload-artifact@"));
    expect(uploads.map((s: any) => s.if)).toEqual(["always()", "failure()"].slice(0, uploads.length));
    expect(uploads.flatMap((s: any) => String(s.with.path).split("\n").filter(Boolean))).toEqual(expect.arrayContaining(["playwright-report/", "test-results/"]));
  });
});
