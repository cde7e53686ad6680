// Role groups: who may do what. The API checks them on every endpoint (apps/api/src/http/auth.ts
// ROLES); the SPA hides what a role may not do with the same groups (apps/web/src/lib/roles.ts).
import type { TRole } from "./common.ts";

export const ROLE_GROUPS = {
  admin: ["admin"],
  managers: ["admin", "manager"],
  purchasing: ["admin", "manager", "purchaser"],
  stock: ["admin", "manager", "staff"],
  everyone: ["admin", "manager", "staff", "purchaser"],
} as const satisfies Record<string, readonly TRole[]>;
