-- Backorder policy per customer (docs/decisions/020): accept / refuse / ship complete, matched by
-- e-mail address on every order that arrives. Written by hand (docs/decisions/002); the drift
-- test proves it matches schema.prisma.

-- CreateEnum
CREATE TYPE "BackorderPolicy" AS ENUM ('accept', 'refuse', 'ship_complete');

-- CreateTable
CREATE TABLE "customer_policies" (
    "tenant_id" UUID NOT NULL,
    "id" UUID NOT NULL DEFAULT gen_random_uuid(),
    "email" TEXT NOT NULL,
    "name" TEXT,
    "policy" "BackorderPolicy" NOT NULL,
    "note" TEXT,
    "created_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updated_by" UUID,

    CONSTRAINT "customer_policies_pkey" PRIMARY KEY ("tenant_id","id")
);

-- CreateIndex
CREATE UNIQUE INDEX "customer_policies_tenant_id_email_key" ON "customer_policies"("tenant_id", "email");

-- AddForeignKey
ALTER TABLE "customer_policies" ADD CONSTRAINT "customer_policies_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Addresses are matched lower-cased; the API lower-cases them, the table keeps any writer to it.
ALTER TABLE "customer_policies" ADD CONSTRAINT "customer_policies_values_check" CHECK (
  "email" = lower("email") AND length("email") BETWEEN 3 AND 200
  AND ("name" IS NULL OR length("name") <= 200) AND ("note" IS NULL OR length("note") <= 500)
);

ALTER TABLE "customer_policies" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "customer_policies" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "customer_policies" TO bod_app;
