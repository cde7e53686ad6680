// The OpenAPI document is true: its operations are exactly the routes the app serves, its paths
// have no trailing slash, and the roles it names are the roles the guards let through (tried
// per operation with a signed-in user of each role and an API token).
import crypto from "node:crypto";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ZRole, type TRole } from "@bod/contracts/common";
import { buildOpenApi } from "../src/openapi.ts";
import { apiRouters } from "../src/routes.ts";
import { registry } from "../src/http/endpoint.ts";
import { webhookRouter } from "../src/features/integrations/webhook-routes.ts";
import { ApiClient, addMember, signUpCompany } from "./client.ts";
import { valid, type JsonSchema } from "./fuzz/arbitrary.ts";

interface Op {
  parameters?: { name: string; in: string }[];
  requestBody?: { content: Record<string, { schema: JsonSchema }> };
  responses: Record<string, unknown>;
  "x-roles"?: TRole[];
  "x-any-api-token"?: boolean;
  "x-sessions-only"?: boolean;
  "x-roles-by-body-field"?: { field: string; roles: Record<string, TRole[]> };
}
const doc = buildOpenApi() as unknown as { paths: Record<string, Record<string, Op>> };
const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ method, path, op })));

/** Method and path of every route the routers really serve, in the document's spelling. */
function routeTable(): string[] {
  const routes: string[] = [];
  const walk = (prefix: string, stack: any[]) => {
    for (const layer of stack) {
      if (!layer.route) continue;
      const full = layer.route.path === "/" ? prefix : prefix + layer.route.path;
      for (const method of Object.keys(layer.route.methods)) routes.push(`${method} ${full.replace(/:(\w+)/g, "{$1}")}`);
    }
  };
  for (const r of apiRouters) walk(r.prefix, r.router.stack);
  walk("/api/v1/webhooks", (webhookRouter as any).stack);
  return [...new Set(routes)].sort();
}

describe("the document and the route table", () => {
  it("has exactly the operations the app serves", () => {
    expect(operations.map((o) => `${o.method} ${o.path}`).sort()).toEqual(routeTable());
  });

  it("spells no path with a trailing slash and documents 413 and 415 wherever a body is read", () => {
    for (const { method, path, op } of operations) {
      expect(path, `${method} ${path}`).not.toMatch(/\/$/);
      if (op.requestBody) expect(Object.keys(op.responses), `${method} ${path}`).toEqual(expect.arrayContaining(["400", "413", "415"]));
    }
  });

  it("defines the error shape once and every error response refers to it (the document stays small enough for Swagger UI)", () => {
    const components = (doc as unknown as { components: { schemas: Record<string, { properties?: Record<string, unknown> }> } }).components;
    expect(components.schemas.Error?.properties).toHaveProperty("error");
    for (const { method, path, op } of operations) {
      for (const [status, response] of Object.entries(op.responses)) {
        if (status.startsWith("2")) continue;
        expect((response as { content: Record<string, { schema: unknown }> }).content["application/json"]!.schema, `${method} ${path} ${status}`).toEqual({ $ref: "#/components/schemas/Error" });
      }
    }
  });
});

describe("roles in the document are the roles the guards enforce", () => {
  const sessions = new Map<TRole, ApiClient>();
  const tokenOf = new Map<TRole, ApiClient>();
  beforeAll(async () => {
    const admin = await signUpCompany("Roles Co");
    sessions.set("admin", admin);
    for (const role of ["manager", "staff", "purchaser"] as const) sessions.set(role, await addMember(admin, role));
    for (const role of ZRole.options) {
      const created = await admin.post("/api/v1/api-tokens", { name: `${role} token`, role });
      const client = new ApiClient();
      client.bearer = created.body.secret;
      tokenOf.set(role, client);
    }
  });

  const guarded = operations.filter(({ op, method, path }) => op["x-roles"] && !(method === "post" && path === "/api/v1/auth/logout"));
  const fill = (path: string) => path.replace(/\{\w+\}/g, () => crypto.randomUUID());
  const call = (client: ApiClient, method: string, path: string, body?: unknown) =>
    client.request(method.toUpperCase(), path, method === "get" || method === "delete" ? undefined : (body ?? {}));

  it.each(guarded.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s", async (_name, { method, path, op }) => {
    const allowed = new Set(op["x-roles"]);
    for (const role of ZRole.options) {
      const target = fill(path);
      const asSession = await call(sessions.get(role)!, method, target);
      if (allowed.has(role)) expect(asSession.status, `${role} session: ${JSON.stringify(asSession.body)}`).not.toBe(403);
      else expect(asSession.status, `${role} session: ${JSON.stringify(asSession.body)}`).toBe(403);
      const asToken = await call(tokenOf.get(role)!, method, target);
      if ((allowed.has(role) || op["x-any-api-token"]) && !op["x-sessions-only"]) expect(asToken.status, `${role} token: ${JSON.stringify(asToken.body)}`).not.toBe(403);
      else expect(asToken.status, `${role} token: ${JSON.stringify(asToken.body)}`).toBe(403);
    }
  });

  const byField = operations.filter(({ op }) => op["x-roles-by-body-field"]);
  it.each(byField.map((o) => [`${o.method.toUpperCase()} ${o.path}`, o] as const))("%s: roles per body value", async (_name, { method, path, op }) => {
    const { field, roles } = op["x-roles-by-body-field"]!;
    const spec = registry.find((e) => e.method === method && e.path === path)!.spec;
    for (const [value, allowedRoles] of Object.entries(roles)) {
      // A body that passes validation with this value, so the check after parsing is reached.
      const bodies = fc.sample(valid(op.requestBody!.content["application/json"]!.schema, {}), { numRuns: 500, seed: 1 }).map((b) => ({ ...(b as object), [field]: value }));
      const body = bodies.find((b) => spec.body!.safeParse(b).success);
      expect(body, `no valid body with ${field} ${value}`).toBeDefined();
      for (const role of ZRole.options) {
        const res = await call(sessions.get(role)!, method, fill(path), body);
        if (allowedRoles.includes(role)) expect(res.status, `${role} ${value}: ${JSON.stringify(res.body)}`).not.toBe(403);
        else expect(res.status, `${role} ${value}: ${JSON.stringify(res.body)}`).toBe(403);
      }
    }
  });
});
