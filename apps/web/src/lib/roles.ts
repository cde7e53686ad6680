// The role groups the API checks (@bod/contracts/roles), so the SPA hides what a role may not do.
import type { TRole } from "@bod/contracts/common";
import { ROLE_GROUPS } from "@bod/contracts/roles";
import { RETURN_READ_ROLES } from "@bod/contracts/returns";

export { ROLE_GROUPS };

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
  pickLists: ROLE_GROUPS.stock,
  returns: RETURN_READ_ROLES,
  warehouses: ROLE_GROUPS.managers,
  channels: ROLE_GROUPS.managers,
  integrations: ROLE_GROUPS.managers,
  imports: ROLE_GROUPS.managers,
  users: ROLE_GROUPS.admin,
  settings: ROLE_GROUPS.admin,
} as const;
