-- New enum values, in their own migration: PostgreSQL does not let the transaction that adds
-- a value use it, and the next migration's functions and defaults do.
ALTER TYPE "ChannelKind" ADD VALUE 'woocommerce';
ALTER TYPE "OutboxStatus" ADD VALUE 'skipped';
ALTER TYPE "OutboxStatus" ADD VALUE 'discarded';
