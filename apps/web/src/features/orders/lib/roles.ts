import type { TRole } from "@bod/contracts/common";

/** Hold, release, priority, cancel, refund and exchange are for managers (and admins); the API answers 403 to others. */
export function canManageOrders(role: TRole) {
  return role === "manager" || role === "admin";
}

/** Tagging, shipping and scanning: the stock roles (purchasers read orders only). */
export function canWorkStock(role: TRole) {
  return role === "staff" || role === "manager" || role === "admin";
}
