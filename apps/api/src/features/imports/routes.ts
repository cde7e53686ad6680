// CSV imports (docs/decisions/016), for managers and admins: upload a file (the body is the CSV
// itself), read its preview, change the mapping, confirm, follow the progress, cancel, download
// the rejected rows; the history; a template per kind. Literal paths come before /:id.
import { ZImport, ZImportKindParams, ZImportListQuery, ZImportMappingRequest, ZImportPage, ZImportParams, ZImportPreview, ZImportPreviewQuery, ZUploadImportQuery } from "@bod/contracts/imports";
import { ROLES } from "../../http/auth.ts";
import { ApiRouter } from "../../http/endpoint.ts";
import { streamedBodies } from "../../http/input.ts";
import { cancelImport, confirmImport, exportRejects, getImport, listImports, previewImport, sendTemplate, setImportMapping } from "./service.ts";
import { CSV_TYPES, uploadImport } from "./upload.ts";

export const importRoutes = new ApiRouter("/api/v1/imports");
const r = importRoutes;
const roles = ROLES.managers;

// The upload's body is read by its handler as a stream, not parsed as JSON (http/input.ts).
streamedBodies.push({ method: "POST", path: "/v1/imports", types: CSV_TYPES });

r.post(
  "/",
  { summary: "Upload a CSV file (the request body, Content-Type: text/csv, up to 50 MB) to import; it is read on the job queue (409 when the same file was imported, unless updateExisting)", roles, query: ZUploadImportQuery, response: ZImport, status: 201 },
  ({ ctx, query }, req) => uploadImport(ctx, query, req),
);
r.get("/", { summary: "Import history of the company, newest first", roles, query: ZImportListQuery, response: ZImportPage }, ({ ctx, query }) => listImports(ctx, query));
r.get("/templates/:kind.csv", { summary: "The header line of a kind of import (the columns its export writes)", roles, params: ZImportKindParams }, ({ params }, _req, res) => sendTemplate(params.kind, res));
r.get("/:id", { summary: "An import: status, mapping, counts, progress (rows done of total, rate, time left)", roles, params: ZImportParams, response: ZImport }, ({ ctx, params }) => getImport(ctx, params.id));
r.get("/:id/preview", { summary: "The first rows as they will be written and the invalid rows (line, column, reason), a page at a time", roles, params: ZImportParams, query: ZImportPreviewQuery, response: ZImportPreview }, ({ ctx, params, query }) =>
  previewImport(ctx, params.id, query),
);
r.put("/:id/mapping", { summary: "Read the file again with another column-to-field mapping (remembered for the company and kind)", roles, params: ZImportParams, body: ZImportMappingRequest, response: ZImport }, ({ ctx, params, body }) =>
  setImportMapping(ctx, params.id, body.mapping),
);
r.post("/:id/confirm", { summary: "Write the valid rows, all or nothing, as a job (202; follow GET /imports/:id)", roles, params: ZImportParams, response: ZImport, status: 202 }, ({ ctx, params }) => confirmImport(ctx, params.id));
r.post("/:id/cancel", { summary: "Cancel an import; during the write it rolls back and nothing changes", roles, params: ZImportParams, response: ZImport }, ({ ctx, params }) => cancelImport(ctx, params.id));
r.get("/:id/rejects.csv", { summary: "The rejected rows as CSV, as the file had them, with line and reason columns", roles, params: ZImportParams }, ({ ctx, params }, _req, res) => exportRejects(ctx, params.id, res));
