// Role groups as the API grants them (apps/api/src/http/auth.ts ROLES), so the SPA hides what a
// role may not do with the same groups the server checks. Keep the two in step.
import type { TRole } from "@bod/contracts/common";

export const ROLE_GROUPS = {
  admin: ["admin"],
  managers: ["admin", "manager"],
  purchasing: ["admin", "manager", "purchaser"],
  stock: ["admin", "manager", "staff"],
  everyone: ["admin", "manager", "staff", "purchaser"],
} as const satisfies Record<string, readonly TRole[]>;

export type TRoleGroup = (typeof ROLE_GROUPS)[keyof typeof ROLE_GROUPS];

export function hasRole(role: TRole, group: readonly TRole[]) {
  return group.includes(role);
}

/** "admin or manager" */
export function roleList(group: readonly TRole[]) {
  return group.length <= 1 ? (group[0] ?? "") : `${group.slice(0, -1).join(", ")} or ${group[group.length - 1]}`;
}

/** Areas only some roles may open: the navigation hides them and the route guard explains. */
export const AREA_ROLES = {
  integrations: ROLE_GROUPS.managers,
} as const;
