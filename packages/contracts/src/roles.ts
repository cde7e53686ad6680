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

/**
 * Whether `holder` may do everything `role` may: every group that admits `role` admits `holder`
 * too. Admin covers every role, manager covers staff and purchaser; staff and purchaser cover
 * only themselves (neither may do all the other does).
 */
export function roleCovers(holder: TRole, role: TRole): boolean {
  return Object.values(ROLE_GROUPS).every((group: readonly TRole[]) => !group.includes(role) || group.includes(holder));
}

/** The roles a person with `holder` may hand out (to an API token or an invitation): those it covers. */
export function grantableRoles(holder: TRole): TRole[] {
  return (["admin", "manager", "staff", "purchaser"] as const).filter((r) => roleCovers(holder, r));
}

/**
 * The role something granted with `granted` acts with while the person who granted it holds
 * `holder` now: the lesser of the two. Undefined when neither covers the other (a purchaser's
 * token whose creator is now staff): then it may act as neither, and is refused.
 */
export function effectiveRole(granted: TRole, holder: TRole): TRole | undefined {
  if (roleCovers(holder, granted)) return granted;
  if (roleCovers(granted, holder)) return holder;
  return undefined;
}
