// Routes declared once with their zod schemas and roles: the same declaration validates
// requests, enforces roles, and feeds the OpenAPI document (openapi.ts).
import { Router, type Request, type Response } from "express";
import type { z } from "zod";
import type { TRole } from "@bod/contracts/common";
import { AppError, zodDetails } from "./errors.ts";
import { requireAuth, requireRole } from "./auth.ts";
import { unstorableText } from "./input.ts";
import { withIdempotency } from "./idempotency.ts";
import { openRequestSql } from "../db/client.ts";
import type { RequestContext } from "./types.ts";

type Method = "get" | "post" | "put" | "patch" | "delete";
type Schema = z.ZodTypeAny | undefined;
type Infer<S> = S extends z.ZodTypeAny ? z.output<S> : undefined;

export interface EndpointSpec<B extends Schema, Q extends Schema, P extends Schema, R extends Schema> {
  summary: string;
  /** Roles allowed; omitted = any signed-in role; "public" = no sign-in needed. */
  roles?: readonly TRole[] | "public";
  /** API tokens may call it whatever their role (integrations importing orders); sessions need `roles`. */
  anyToken?: boolean;
  /** Only a person signed in may call it, never an API token (answering one's own invitations). */
  sessionsOnly?: boolean;
  /** Roles per value of a body field, on top of `roles` (bulk actions: tagging for staff, holds for managers). */
  rolesByBodyField?: { field: string; roles: Readonly<Record<string, readonly TRole[]>> };
  body?: B;
  query?: Q;
  params?: P;
  response?: R;
  /** The success status, or a function of the result (202 when work was queued, 200 otherwise). */
  status?: number | ((result: Infer<R>) => number);
  /** With a status function: the statuses it can answer, for the OpenAPI document (default [200]). */
  documentedStatuses?: number[];
  /** Honour the Idempotency-Key header: a retry returns the first result and changes nothing. */
  idempotent?: boolean;
  /**
   * The handler only reads, and only through `readInTenant` (db/client.ts): it runs in the
   * transaction authentication opened, so the request is one transaction. Without it that
   * transaction is committed before the handler, which opens its own.
   */
  requestRead?: boolean;
}

export interface EndpointInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  ctx: RequestContext;
}

export interface RegisteredEndpoint {
  method: Method;
  path: string;
  spec: EndpointSpec<Schema, Schema, Schema, Schema>;
}

/** Every endpoint of the API, for the OpenAPI document. */
export const registry: RegisteredEndpoint[] = [];

export class ApiRouter {
  readonly router = Router();
  constructor(readonly prefix: string) {}

  get<B extends Schema, Q extends Schema, P extends Schema, R extends Schema>(path: string, spec: EndpointSpec<B, Q, P, R>, handler: Handler<B, Q, P, R>) {
    this.add("get", path, spec, handler);
  }
  post<B extends Schema, Q extends Schema, P extends Schema, R extends Schema>(path: string, spec: EndpointSpec<B, Q, P, R>, handler: Handler<B, Q, P, R>) {
    this.add("post", path, spec, handler);
  }
  put<B extends Schema, Q extends Schema, P extends Schema, R extends Schema>(path: string, spec: EndpointSpec<B, Q, P, R>, handler: Handler<B, Q, P, R>) {
    this.add("put", path, spec, handler);
  }
  patch<B extends Schema, Q extends Schema, P extends Schema, R extends Schema>(path: string, spec: EndpointSpec<B, Q, P, R>, handler: Handler<B, Q, P, R>) {
    this.add("patch", path, spec, handler);
  }
  delete<B extends Schema, Q extends Schema, P extends Schema, R extends Schema>(path: string, spec: EndpointSpec<B, Q, P, R>, handler: Handler<B, Q, P, R>) {
    this.add("delete", path, spec, handler);
  }

  private add(method: Method, path: string, spec: EndpointSpec<any, any, any, any>, handler: Handler<any, any, any, any>) {
    // "/" under a prefix is the prefix itself: `/api/v1/orders`, never `/api/v1/orders/` in the document.
    const pattern = path === "/" ? this.prefix : this.prefix + path;
    registry.push({ method, path: pattern, spec });
    // The route's pattern, never its URL, names the request in /metrics (set before auth, so a 401 counts under it too).
    const named = (_req: Request, res: Response, next: () => void) => {
      res.locals.routePattern = pattern;
      next();
    };
    const middlewares = [named, ...(spec.roles === "public" ? [] : [requireAuth(spec.roles, { anyToken: spec.anyToken, sessionsOnly: spec.sessionsOnly })])];
    this.router[method](path, ...middlewares, async (req: Request, res: Response) => {
      const sql = openRequestSql();
      if (sql && !spec.requestRead) await sql.end();
      const input = {
        params: parsePart(spec.params, req.params, "path parameters"),
        query: parsePart(spec.query, req.query, "query"),
        body: parsePart(spec.body, req.body ?? {}, "request body"),
        ctx: req.ctx as RequestContext,
      };
      if (spec.rolesByBodyField) {
        const { field, roles } = spec.rolesByBodyField;
        const value = String((input.body as Record<string, unknown>)[field]);
        if (roles[value]) requireRole(input.ctx, roles[value]!, `${value} needs`);
      }
      const run = async () => {
        const result = await handler(input, req, res);
        const status = typeof spec.status === "function" ? spec.status(result) : spec.status;
        return { status: status ?? (result === undefined ? 204 : 200), body: result };
      };
      const { status, body } = spec.idempotent ? await withIdempotency(req, input.ctx, run) : await run();
      await sql?.end(); // committed before the answer leaves (an error rolls it back as the response closes)
      if (res.headersSent) return;
      if (body === undefined) res.status(status).end();
      else res.status(status).json(body);
    });
  }
}

type Handler<B, Q, P, R> = (input: EndpointInput<Infer<B>, Infer<Q>, Infer<P>>, req: Request, res: Response) => Promise<Infer<R> | void> | Infer<R> | void;

function parsePart(schema: z.ZodTypeAny | undefined, value: unknown, what: string) {
  if (!schema) return undefined;
  const unstorable = unstorableText(value);
  if (unstorable.length) throw new AppError("invalid_input", `Invalid ${what}`, unstorable);
  const result = schema.safeParse(value);
  if (!result.success) throw new AppError("invalid_input", `Invalid ${what}`, zodDetails(result.error));
  return result.data;
}
