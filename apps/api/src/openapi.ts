// OpenAPI 3.1 generated from the zod schemas the routes are declared with (http/endpoint.ts).
import { z } from "zod";
import { ZErrorResponse, ZRole, type TRole } from "@bod/contracts/common";
import { registry, type RegisteredEndpoint } from "./http/endpoint.ts";

const jsonSchema = (schema: z.ZodTypeAny, io: "input" | "output") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

// The one error shape, defined once in components and referenced by every error response
// (inlined, it made up most of the document: seven copies per operation).
const errorSchema = jsonSchema(ZErrorResponse, "output");
const errorRef = { $ref: "#/components/schemas/Error" };

/** Who may call an endpoint, from the same declaration the role guards enforce (http/endpoint.ts). */
export function accessOf(spec: RegisteredEndpoint["spec"]): { roles: readonly TRole[] | undefined; description: string | undefined } {
  if (spec.roles === "public") return { roles: undefined, description: "Public: no sign-in." };
  const roles = spec.roles ?? ZRole.options;
  const parts = [`Roles: ${roles.join(", ")}${spec.anyToken ? "; or an API token of any role" : spec.sessionsOnly ? "; signed in (not with an API token)" : ""}.`];
  if (spec.rolesByBodyField) {
    const { field, roles: byValue } = spec.rolesByBodyField;
    for (const [value, r] of Object.entries(byValue)) parts.push(`${field} ${value}: ${r.join(", ")}.`);
  }
  return { roles, description: parts.join(" ") };
}

export function buildOpenApi() {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const { method, path, spec } of registry) {
    const openPath = path.replace(/:(\w+)/g, "{$1}");
    const parameters: unknown[] = [];
    for (const [where, schema] of [["path", spec.params], ["query", spec.query]] as const) {
      if (!schema) continue;
      const js = jsonSchema(schema, "input") as { properties?: Record<string, unknown>; required?: string[] };
      for (const [name, s] of Object.entries(js.properties ?? {})) {
        parameters.push({ name, in: where, required: where === "path" || (js.required ?? []).includes(name), schema: s });
      }
    }
    if (spec.idempotent) parameters.push({ name: "Idempotency-Key", in: "header", required: false, schema: { type: "string", maxLength: 200 }, description: "A retry with the same key returns the first result and changes nothing." });
    const statuses = typeof spec.status === "function" ? (spec.documentedStatuses ?? [200]) : [spec.status ?? (spec.response ? 200 : 204)];
    const success = spec.response ? { description: "OK", content: { "application/json": { schema: jsonSchema(spec.response, "output") } } } : { description: "OK" };
    const error = (description: string) => ({ description, content: { "application/json": { schema: errorRef } } });
    const access = accessOf(spec);
    (paths[openPath] ??= {})[method] = {
      summary: spec.summary,
      tags: [path.split("/")[3] ?? "api"],
      security: spec.roles === "public" ? [] : [{ session: [] }, { bearer: [] }],
      description: access.description,
      "x-roles": access.roles,
      "x-any-api-token": spec.anyToken ? true : undefined,
      "x-sessions-only": spec.sessionsOnly ? true : undefined,
      "x-roles-by-body-field": spec.rolesByBodyField,
      parameters,
      requestBody: spec.body ? { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } : undefined,
      responses: {
        ...Object.fromEntries(statuses.map((st) => [String(st), success])),
        ...(spec.params || spec.query || spec.body ? { 400: error("Invalid input: details name each field") } : {}),
        ...(spec.roles === "public" ? {} : { 401: error("Not signed in") }),
        ...(access.roles || spec.rolesByBodyField ? { 403: error("The role may not do this") } : {}),
        ...(spec.body ? { 413: error("Request body over 2 MB"), 415: error("Request body not JSON, not UTF-8, or in an unknown Content-Encoding") } : {}),
        503: error("The database is out of reach; retry after the Retry-After header's seconds"),
        default: error("Error"),
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Backorder Desk API", version: "1.0.0", description: "Errors always read { error: { code, message, details } }. Writes with a session cookie need the X-CSRF-Token header." },
    components: {
      schemas: { Error: errorSchema },
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "bod_session" },
        bearer: { type: "http", scheme: "bearer", description: "API token: bod_<tenant>_<secret>" },
      },
    },
    paths,
  };
}
