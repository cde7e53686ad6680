-- CSV imports of supplier terms (one row per supplier and product; docs/decisions/016).
-- A new enum value in its own migration: the transaction that adds a value cannot use it.
ALTER TYPE "ImportKind" ADD VALUE 'supplier_terms';
