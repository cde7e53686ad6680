-- A user's own settings per company, one JSON value per key (the orders grid's columns first).
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- CreateTable
CREATE TABLE "user_preferences" (
    "tenant_id" UUID NOT NULL,
    "user_id" UUID NOT NULL,
    "key" TEXT NOT NULL,
    "value" JSONB NOT NULL,
    "updated_at" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "user_preferences_pkey" PRIMARY KEY ("tenant_id","user_id","key")
);

-- AddForeignKey
ALTER TABLE "user_preferences" ADD CONSTRAINT "user_preferences_tenant_id_fkey" FOREIGN KEY ("tenant_id") REFERENCES "tenants"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- A value is small: the API checks it against the key's schema; this bounds what any writer stores.
ALTER TABLE "user_preferences" ADD CONSTRAINT "user_preferences_value_size_check" CHECK (length("key") BETWEEN 1 AND 100 AND pg_column_size("value") <= 16384);

ALTER TABLE "user_preferences" ENABLE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON "user_preferences" USING (tenant_id = app_current_tenant()) WITH CHECK (tenant_id = app_current_tenant());
GRANT SELECT, INSERT, UPDATE, DELETE ON "user_preferences" TO bod_app;
