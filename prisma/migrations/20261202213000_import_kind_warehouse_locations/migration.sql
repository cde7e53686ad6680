-- CSV imports of warehouse locations (and the SKU each is the bin of; docs/decisions/016).
-- A new enum value in its own migration: the transaction that adds a value cannot use it.
ALTER TYPE "ImportKind" ADD VALUE 'warehouse_locations';
