// Helpers of the imports tests: upload a file as the SPA does (the CSV is the body), and wait
// for the job queue to read or write it.
import { expect } from "vitest";
import type { TImport } from "@bod/contracts/imports";
import type { ApiClient, ApiResponse } from "./client.ts";
import { testEnv } from "./env.ts";
import { eventually } from "./worker.ts";

export async function upload(client: ApiClient, kind: string, body: string | Buffer, options: { fileName?: string; updateExisting?: boolean; contentType?: string } = {}): Promise<ApiResponse<any>> {
  const params = new URLSearchParams({ kind, fileName: options.fileName ?? `${kind}.csv` });
  if (options.updateExisting) params.set("updateExisting", "true");
  const headers: Record<string, string> = { "content-type": options.contentType ?? "text/csv" };
  if (client.cookie) headers.cookie = client.cookie;
  if (client.csrfToken) headers["x-csrf-token"] = client.csrfToken;
  const res = await fetch(`${testEnv.baseUrl}/api/v1/imports?${params}`, { method: "POST", headers, body: typeof body === "string" ? body : new Uint8Array(body) });
  const text = await res.text();
  let parsed: any = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    /* keep text */
  }
  return { status: res.status, body: parsed, headers: res.headers };
}

export async function waitFor(client: ApiClient, id: string, statuses: string[], timeoutMs = 30_000): Promise<TImport> {
  return eventually(
    async () => {
      const res = await client.get(`/api/v1/imports/${id}`);
      return statuses.includes(res.body.status) ? (res.body as TImport) : undefined;
    },
    timeoutMs,
    `import ${id} to be ${statuses.join(" or ")}`,
  );
}

/** Uploads and waits until the file is read; returns the import and its preview (every error). */
export async function uploadAndRead(client: ApiClient, kind: string, body: string | Buffer, options: Parameters<typeof upload>[3] = {}) {
  const res = await upload(client, kind, body, options);
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  const imp = await waitFor(client, res.body.id, ["parsed", "failed"]);
  const preview = await client.get(`/api/v1/imports/${imp.id}/preview?limit=500`);
  expect(preview.status).toBe(200);
  return { imp, preview: preview.body };
}

/** Confirms and waits for the write to end. */
export async function confirmAndWait(client: ApiClient, id: string): Promise<TImport> {
  const res = await client.post(`/api/v1/imports/${id}/confirm`);
  expect(res.status, JSON.stringify(res.body)).toBe(202);
  return waitFor(client, id, ["succeeded", "failed", "cancelled"]);
}
