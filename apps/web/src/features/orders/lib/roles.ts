// What a role may do on orders, from the shared role groups (lib/roles.ts).
import type { TRole } from "@bod/contracts/common";
import { hasRole, ROLE_GROUPS } from "../../../lib/roles.ts";

/** Hold, release, priority, cancel, refund and exchange are for managers (and admins); the API answers 403 to others. */
export function canManageOrders(role: TRole) {
  return hasRole(role, ROLE_GROUPS.managers);
}

/** Tagging, shipping and scanning: the stock roles (purchasers read orders only). */
export function canWorkStock(role: TRole) {
  return hasRole(role, ROLE_GROUPS.stock);
}
