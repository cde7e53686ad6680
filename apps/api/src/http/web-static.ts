// Serves the built SPA: the .br/.gz files written at build time when the client accepts them
// (Content-Encoding, Vary and the original Content-Type), immutable caching for the hashed
// files under /assets/, no-cache for index.html (the SPA fallback included).
import fs from "node:fs";
import path from "node:path";
import express, { type NextFunction, type Request, type Response } from "express";

const IMMUTABLE = "public, max-age=31536000, immutable";
const ENCODINGS = [
  { name: "br", ext: ".br" },
  { name: "gzip", ext: ".gz" },
] as const;

function cacheControl(relPath: string): string {
  if (relPath.startsWith("/assets/")) return IMMUTABLE;
  if (relPath.endsWith(".html")) return "no-cache";
  return "public, max-age=3600";
}

export function webStatic(webDist: string) {
  const root = path.resolve(webDist);
  const index = path.join(root, "index.html");
  const router = express.Router();

  // The precompressed file for this path and the client's Accept-Encoding, if one exists.
  function compressedFile(req: Request, file: string) {
    // Our preference (br, then gzip) among what the client accepts at all: browsers list gzip first.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name);
    if (!encoding || !fs.existsSync(file + encoding.ext)) return undefined;
    return { file: file + encoding.ext, encoding: encoding.name };
  }

  function send(req: Request, res: Response, next: NextFunction, file: string, relPath: string) {
    const hasVariants = ENCODINGS.some((e) => fs.existsSync(file + e.ext));
    if (hasVariants) res.vary("Accept-Encoding");
    const compressed = hasVariants ? compressedFile(req, file) : undefined;
    const headers: Record<string, string> = { "Cache-Control": cacheControl(relPath) };
    if (compressed) {
      headers["Content-Encoding"] = compressed.encoding;
      res.type(path.extname(file));
    }
    res.sendFile(compressed?.file ?? file, { headers, cacheControl: false, dotfiles: "ignore" }, (err) => {
      if (err && !res.headersSent) next(err);
    });
  }

  router.use((req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return next();
    let relPath: string;
    try {
      relPath = decodeURIComponent(req.path);
    } catch {
      return next();
    }
    const file = path.join(root, relPath);
    if (!file.startsWith(root + path.sep) || relPath.endsWith(".br") || relPath.endsWith(".gz")) return next();
    if (relPath === "/" || !fs.statSync(file, { throwIfNoEntry: false })?.isFile()) return next();
    send(req, res, next, file, relPath);
  });
  // Every other path outside /api is a route of the SPA.
  router.get(/^\/(?!api\/).*/, (req, res, next) => send(req, res, next, index, "/index.html"));
  return router;
}
