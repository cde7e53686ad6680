// CSV helpers for purchasing exports (the report and purchase orders).
import type { Response } from "express";

/** A CSV field: quoted when needed, and a leading = + - @ neutralised so spreadsheets do not run it as a formula. */
export function csvField(value: string | number | boolean | null | undefined): string {
  if (value === null || value === undefined) return "";
  let s = String(value);
  if (typeof value === "string" && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function startCsv(res: Response, filename: string) {
  res.status(200);
  res.setHeader("content-type", "text/csv; charset=utf-8");
  res.setHeader("content-disposition", `attachment; filename="${filename}"`);
  res.setHeader("cache-control", "no-store");
}

export async function writeChunk(res: Response, chunk: string) {
  if (!res.write(chunk)) await new Promise((resolve) => res.once("drain", resolve));
}
