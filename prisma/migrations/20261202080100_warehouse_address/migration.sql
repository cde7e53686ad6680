-- A warehouse's postal address (optional, several lines): printed on packing slips, staging
-- slips and as the ship-to of purchase orders. The table's row-level security policy and
-- grants cover the new column; nothing else changes.
-- Written by hand (docs/decisions/002); the drift test proves it matches schema.prisma.

-- AlterTable
ALTER TABLE "warehouses" ADD COLUMN "address" TEXT;
