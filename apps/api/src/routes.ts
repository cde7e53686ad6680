// Every feature router, mounted in app.ts under its own prefix. A new feature adds one line here.
import { authRoutes } from "./features/auth/routes.ts";
import { myInvitationRoutes } from "./features/auth/invitation-routes.ts";
import { warehouseRoutes, containerRoutes } from "./features/warehouses/routes.ts";
import { productRoutes } from "./features/products/routes.ts";
import { supplierRoutes } from "./features/suppliers/routes.ts";
import { channelRoutes } from "./features/channels/routes.ts";
import { userRoutes, apiTokenRoutes, invitationRoutes } from "./features/users/routes.ts";
import { settingsRoutes } from "./features/settings/routes.ts";
import { stockRoutes } from "./features/stock/routes.ts";
import { orderListRoutes } from "./features/order-list/routes.ts";
import { savedViewRoutes } from "./features/saved-views/routes.ts";
import { preferenceRoutes } from "./features/preferences/routes.ts";
import { allocationRoutes } from "./features/allocation/routes.ts";
import { orderRoutes } from "./features/orders/routes.ts";
import { oversellRoutes, storeOrderRoutes } from "./features/orders/oversell-routes.ts";
import { orderShipmentRoutes, shipmentRoutes } from "./features/shipments/routes.ts";
import { channelSyncRoutes, integrationRoutes, orderOutboxRoutes, productReviewRoutes } from "./features/integrations/routes.ts";
import { backgroundJobRoutes } from "./features/background-jobs/routes.ts";
import { backorderReportRoutes, purchaseOrderRoutes, reorderPointRoutes } from "./features/purchasing/routes.ts";
import { stagingRoutes } from "./features/staging/routes.ts";
import { pickListRoutes } from "./features/pick-lists/routes.ts";
import { dashboardRoutes } from "./features/dashboard/routes.ts";
import { importRoutes } from "./features/imports/routes.ts";
import { customerPolicyRoutes } from "./features/customer-policies/routes.ts";
import { orderReturnRoutes, returnRoutes } from "./features/returns/routes.ts";

export const apiRouters = [authRoutes, myInvitationRoutes, warehouseRoutes, containerRoutes, productRoutes, supplierRoutes, channelRoutes, userRoutes, apiTokenRoutes, invitationRoutes, settingsRoutes, stockRoutes, allocationRoutes, orderListRoutes, savedViewRoutes, preferenceRoutes, orderRoutes, oversellRoutes, storeOrderRoutes, orderShipmentRoutes, shipmentRoutes, orderOutboxRoutes, backorderReportRoutes, purchaseOrderRoutes, reorderPointRoutes, stagingRoutes, pickListRoutes, integrationRoutes, channelSyncRoutes, productReviewRoutes, backgroundJobRoutes, dashboardRoutes, importRoutes, customerPolicyRoutes, orderReturnRoutes, returnRoutes];
