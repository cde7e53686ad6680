// OpenAPI 3.1 generated from the zod schemas the routes are declared with (http/endpoint.ts).
import { z } from "zod";
import { ZErrorResponse } from "@bod/contracts/common";
import { registry } from "./http/endpoint.ts";

const jsonSchema = (schema: z.ZodTypeAny, io: "input" | "output") => {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as Record<string, unknown>;
  return rest;
};

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
    const status = String(spec.status ?? (spec.response ? 200 : 204));
    (paths[openPath] ??= {})[method] = {
      summary: spec.summary,
      tags: [path.split("/")[3] ?? "api"],
      security: spec.roles === "public" ? [] : [{ session: [] }, { bearer: [] }],
      description: spec.roles && spec.roles !== "public" ? `Roles: ${spec.roles.join(", ")}` : undefined,
      parameters,
      requestBody: spec.body ? { required: true, content: { "application/json": { schema: jsonSchema(spec.body, "input") } } } : undefined,
      responses: {
        [status]: spec.response ? { description: "OK", content: { "application/json": { schema: jsonSchema(spec.response, "output") } } } : { description: "OK" },
        default: { description: "Error", content: { "application/json": { schema: jsonSchema(ZErrorResponse, "output") } } },
      },
    };
  }
  return {
    openapi: "3.1.0",
    info: { title: "Backorder Desk API", version: "1.0.0", description: "Errors always read { error: { code, message, details } }. Writes with a session cookie need the X-CSRF-Token header." },
    components: {
      securitySchemes: {
        session: { type: "apiKey", in: "cookie", name: "bod_session" },
        bearer: { type: "http", scheme: "bearer", description: "API token: bod_<tenant>_<secret>" },
      },
    },
    paths,
  };
}
