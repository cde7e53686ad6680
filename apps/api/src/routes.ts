// Every feature router, mounted in app.ts under its own prefix. A new feature adds one line here.
import { authRoutes } from "./features/auth/routes.ts";

export const apiRouters = [authRoutes];
