-- The company's currency (ISO 4217 code): every price, refund and purchase-order total is
-- shown in it. Existing companies get USD, the default the product showed amounts in until now
-- (without a symbol). The tenants table's policies and grants cover the new column.
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- AlterTable
ALTER TABLE "tenants" ADD COLUMN "currency" TEXT NOT NULL DEFAULT 'USD';
