import type { TRole } from "@bod/contracts/common";

export const ROLES: { value: TRole; label: string; help: string }[] = [
  { value: "admin", label: "Admin", help: "everything, including users, settings and channels" },
  { value: "manager", label: "Manager", help: "orders, shipments, stock and purchasing" },
  { value: "purchaser", label: "Purchaser", help: "backorder report, purchase orders, receiving" },
  { value: "staff", label: "Staff", help: "picking, packing, shipping and stock counts" },
];
