// The side navigation: every area of the app, and who sees it (no `roles`: everyone signed in).
import type { TRole } from "@bod/contracts/common";
import { AREA_ROLES } from "../lib/roles.ts";

export type NavItem = { to: string; label: string; group: "Work" | "Catalog" | "Admin"; roles?: readonly TRole[] };

/** Every area of the app, in the order of the side navigation. */
export const NAV_ITEMS: NavItem[] = [
  { to: "/", label: "Dashboard", group: "Work" },
  { to: "/orders", label: "Orders", group: "Work" },
  { to: "/purchasing", label: "Purchasing", group: "Work" },
  { to: "/receiving", label: "Receiving", group: "Work" },
  { to: "/returns", label: "Returns", group: "Work", roles: AREA_ROLES.returns },
  { to: "/staging", label: "Staging", group: "Work" },
  { to: "/pick-lists", label: "Pick lists", group: "Work", roles: AREA_ROLES.pickLists },
  { to: "/reports", label: "Reports", group: "Work" },
  { to: "/stock", label: "Stock", group: "Catalog" },
  { to: "/products", label: "Products", group: "Catalog" },
  { to: "/suppliers", label: "Suppliers", group: "Catalog" },
  { to: "/customer-policies", label: "Customer policies", group: "Catalog" },
  { to: "/warehouses", label: "Warehouses", group: "Admin", roles: AREA_ROLES.warehouses },
  { to: "/channels", label: "Channels", group: "Admin", roles: AREA_ROLES.channels },
  { to: "/integrations", label: "Integrations", group: "Admin", roles: AREA_ROLES.integrations },
  { to: "/imports", label: "Imports", group: "Admin", roles: AREA_ROLES.imports },
  { to: "/users", label: "Users", group: "Admin", roles: AREA_ROLES.users },
  { to: "/settings", label: "Settings", group: "Admin", roles: AREA_ROLES.settings },
];
