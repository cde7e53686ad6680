-- CSV imports (docs/decisions/016): an uploaded file (imports) with its bytes in 1 MB pieces
-- (import_chunks), its parsed rows with their errors (import_rows), and the mapping of headers to
-- fields remembered per company and kind (import_mappings).
-- Generated from schema.prisma by the schema engine (docs/decisions/002), then checks, RLS and grants by hand.

-- CreateEnum
CREATE TYPE "ImportKind" AS ENUM ('products', 'stock_counts');

-- CreateEnum
CREATE TYPE "ImportStatus" AS ENUM ('uploading', 'parsing', 'parsed', 'queued', 'applying', 'succeeded', 'failed', 'cancelled');

-- CreateTable
CREATE TABLE "imports" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "kind" "ImportKind" NOT NULL,
    "status" "ImportStatus" NOT NULL DEFAULT 'uploading',
    "file_name" TEXT NOT NULL,
    "byte_size" INTEGER NOT NULL DEFAULT 0,
    "content_sha256" TEXT,
    "update_existing" BOOLEAN NOT NULL DEFAULT false,
    "headers" JSONB NOT NULL DEFAULT '[]',
    "mapping" JSONB NOT NULL DEFAULT '[]',
    "file_errors" JSONB NOT NULL DEFAULT '[]',
    "row_count" INTEGER NOT NULL DEFAULT 0,
    "create_count" INTEGER NOT NULL DEFAULT 0,
    "update_count" INTEGER NOT NULL DEFAULT 0,
    "skip_count" INTEGER NOT NULL DEFAULT 0,
    "rejected_count" INTEGER NOT NULL DEFAULT 0,
    "progress_done" INTEGER NOT NULL DEFAULT 0,
    "progress_total" INTEGER,
    "progress_message" TEXT,
    "phase_started_at" TIMESTAMPTZ(3),
    "cancel_requested" BOOLEAN NOT NULL DEFAULT false,
    "error" TEXT,
    "created_by" UUID,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "started_at" TIMESTAMPTZ(3),
    "finished_at" TIMESTAMPTZ(3),

    CONSTRAINT "imports_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateTable
CREATE TABLE "import_chunks" (
    "tenant_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "seq" INTEGER NOT NULL,
    "data" BYTEA NOT NULL,

    CONSTRAINT "import_chunks_pkey" PRIMARY KEY ("tenant_id","import_id","seq")
);

-- CreateTable
CREATE TABLE "import_rows" (
    "tenant_id" UUID NOT NULL,
    "import_id" UUID NOT NULL,
    "line" INTEGER NOT NULL,
    "cells" JSONB NOT NULL,
    "data" JSONB,
    "action" TEXT,
    "key" TEXT,
    "errors" JSONB,

    CONSTRAINT "import_rows_pkey" PRIMARY KEY ("tenant_id","import_id","line")
);

-- CreateTable
CREATE TABLE "import_mappings" (
    "tenant_id" UUID NOT NULL,
    "kind" "ImportKind" NOT NULL,
    "mapping" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "import_mappings_pkey" PRIMARY KEY ("tenant_id","kind")
);

-- CreateIndex
CREATE INDEX "imports_tenant_id_created_at_idx" ON "imports"("tenant_id", "created_at");

-- CreateIndex
CREATE INDEX "imports_tenant_id_kind_content_sha256_idx" ON "imports"("tenant_id", "kind", "content_sha256");

-- CreateIndex
CREATE INDEX "import_rows_tenant_id_import_id_key_idx" ON "import_rows"("tenant_id", "import_id", "key");

-- AddForeignKey
ALTER TABLE "imports" ADD CONSTRAINT "imports_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_chunks" ADD CONSTRAINT "import_chunks_tenant_id_import_id_fkey" FOREIGN KEY ("tenant_id", "import_id") REFERENCES "imports"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_tenant_id_import_id_fkey" FOREIGN KEY ("tenant_id", "import_id") REFERENCES "imports"("tenant_id", "id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "import_mappings" ADD CONSTRAINT "import_mappings_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Rules Prisma's schema cannot express.
ALTER TABLE "imports" ADD CONSTRAINT "imports_counts_check" CHECK (byte_size >= 0 AND row_count >= 0 AND create_count >= 0 AND update_count >= 0 AND skip_count >= 0 AND rejected_count >= 0 AND progress_done >= 0);
ALTER TABLE "imports" ADD CONSTRAINT "imports_file_name_check" CHECK (length(file_name) BETWEEN 1 AND 200);
ALTER TABLE "import_rows" ADD CONSTRAINT "import_rows_action_check" CHECK (action IS NULL OR action IN ('create', 'update', 'skip'));

ALTER TABLE "imports" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "imports" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "import_chunks" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_chunks" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "import_rows" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_rows" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
ALTER TABLE "import_mappings" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "import_mappings" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "imports", "import_chunks", "import_rows", "import_mappings" TO bod_app;
