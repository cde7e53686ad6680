// Every feature router, mounted in app.ts under its own prefix. A new feature adds one line here.
import { authRoutes } from "./features/auth/routes.ts";
import { allocationRoutes } from "./features/allocation/routes.ts";

export const apiRouters = [authRoutes, allocationRoutes];
