// Every request schema refuses unknown fields (`.strict()`), so a typo in a client is an
// error instead of a silently ignored field.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { z } from "zod";

const dir = path.dirname(fileURLToPath(import.meta.url));
const files = fs.readdirSync(dir).filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"));

describe("request contracts", async () => {
  const requestSchemas: [string, z.ZodObject][] = [];
  for (const file of files) {
    const mod = await import(path.join(dir, file));
    for (const [name, value] of Object.entries(mod)) {
      if (/^Z\w+Request$/.test(name) && value instanceof z.ZodObject) requestSchemas.push([`${file}:${name}`, value]);
    }
  }

  it("there are request schemas to check", () => {
    expect(requestSchemas.length).toBeGreaterThan(10);
  });

  it.each(requestSchemas)("%s refuses unknown fields", (_name, schema) => {
    const unknownKey = "__not_a_field__";
    const result = schema.safeParse({ [unknownKey]: 1 });
    expect(result.success).toBe(false);
    const issues = result.success ? [] : result.error.issues;
    expect(issues.some((i) => i.code === "unrecognized_keys")).toBe(true);
  });
});
