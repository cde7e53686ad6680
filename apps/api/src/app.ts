// Express app assembly: middleware order, routers, the SPA, and the error handler last.
import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import { createRequire } from "node:module";
import crypto from "node:crypto";
import express from "express";
import cookieParser from "cookie-parser";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { pino } from "pino";
import { authenticate } from "./http/auth.ts";
import { errorHandler, routeNotFound } from "./http/errors.ts";
import { jsonBody } from "./http/input.ts";
import { health } from "./http/health.ts";
import { webStatic } from "./http/web-static.ts";
import { buildOpenApi } from "./openapi.ts";
import { apiRouters } from "./routes.ts";
import type { TrustProxy } from "./config.ts";
import { webhookRouter } from "./features/integrations/webhook-routes.ts";
import { createMetrics } from "./metrics/metrics.ts";

const require = createRequire(import.meta.url);

export interface AppOptions {
  logLevel?: string;
  /** Folder of the built SPA; served with an index.html fallback when present. */
  webDist?: string;
  /** Express `trust proxy` (config TRUST_PROXY): off unless set, so X-Forwarded-For cannot pick the client address. */
  trustProxy?: TrustProxy;
  /** Bearer token of GET /metrics (config METRICS_TOKEN); without one /metrics answers 404. */
  metricsToken?: string;
}

export function createApp(options: AppOptions = {}) {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", options.trustProxy ?? false);
  const metrics = createMetrics(options.metricsToken);
  app.use(metrics.track);
  const logger = pino({ level: options.logLevel ?? "info" });
  app.use(
    pinoHttp({
      logger,
      genReqId: (req, res) => {
        const id = (req.headers["x-request-id"] as string | undefined)?.slice(0, 100) || crypto.randomUUID();
        res.setHeader("x-request-id", id);
        return id;
      },
      autoLogging: { ignore: (req) => !req.url?.startsWith("/api") || req.url === "/api/health" },
      serializers: {
        req: (req) => ({ id: req.id, method: req.method, url: req.url }),
        res: (res) => ({ statusCode: res.statusCode }),
      },
    }),
  );
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          // No inline script anywhere, the API docs page included (its bootstrap is /api/docs/init.js).
          "script-src": ["'self'"],
          "img-src": ["'self'", "data:"],
          "frame-ancestors": ["'none'"],
          // Served over plain HTTP on local networks too: do not force https sub-resources.
          "upgrade-insecure-requests": null,
        },
      },
      frameguard: { action: "deny" },
    }),
  );
  // Store webhooks are verified over their raw bytes, so they are routed before JSON parsing.
  app.use("/api/v1/webhooks", webhookRouter);
  app.use("/api", ...jsonBody());
  app.use(cookieParser());

  app.get("/metrics", metrics.serve);
  app.get("/api/health", health);
  app.get("/api/openapi.json", (_req, res) => res.json(buildOpenApi()));
  const swaggerDir = path.dirname(require.resolve("swagger-ui-dist/package.json"));
  app.get("/api/docs", (_req, res) => res.type("html").send(DOCS_PAGE));
  app.get("/api/docs/init.js", (_req, res) => res.type("text/javascript").send(DOCS_INIT));
  app.use("/api/docs/assets", express.static(swaggerDir, { index: false }));

  app.use("/api", authenticate);
  for (const r of apiRouters) app.use(r.prefix, r.router);
  app.use("/api", routeNotFound);

  const webDist = options.webDist;
  if (webDist && fs.existsSync(path.join(webDist, "index.html"))) {
    app.use(webStatic(webDist));
  }
  app.use(errorHandler);
  // Requests Node's HTTP parser refuses (headers over 16 KB, broken HTTP) are answered in the
  // one error shape too, by every server the app listens with.
  app.listen = ((...args: Parameters<typeof app.listen>) => answerParserErrors(http.createServer(app)).listen(...(args as [number]))) as typeof app.listen;
  return app;
}

function answerParserErrors(server: http.Server): http.Server {
  server.on("clientError", (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable || err.code === "ECONNRESET") return socket.destroy();
    const tooLarge = err.code === "HPE_HEADER_OVERFLOW";
    const status = tooLarge ? "431 Request Header Fields Too Large" : "400 Bad Request";
    const body = JSON.stringify({ error: { code: tooLarge ? "too_large" : "invalid_input", message: tooLarge ? "The request line or headers are too large (16 KB at most)" : "Malformed HTTP request" } });
    socket.end(`HTTP/1.1 ${status}\r\ncontent-type: application/json; charset=utf-8\r\ncontent-length: ${Buffer.byteLength(body)}\r\nconnection: close\r\n\r\n${body}`);
  });
  return server;
}

const DOCS_PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>Backorder Desk API</title>
<link rel="stylesheet" href="/api/docs/assets/swagger-ui.css"></head><body><div id="docs"></div>
<script src="/api/docs/assets/swagger-ui-bundle.js"></script>
<script src="/api/docs/init.js"></script></body></html>`;
const DOCS_INIT = `SwaggerUIBundle({ url: "/api/openapi.json", dom_id: "#docs" });`;
