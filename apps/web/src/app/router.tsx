// Every route of the SPA: sign-in pages outside the shell, everything else behind the auth guard.
import { createBrowserRouter, Navigate } from "react-router";
import { AppLayout } from "./layout.tsx";
import { RequireAuth } from "./require-auth.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { RouteError } from "./route-error.tsx";
import { RequireRole } from "./require-role.tsx";
import { AREA_ROLES } from "../lib/roles.ts";
import { LoginPage } from "../features/auth/routes/login-page.tsx";
import { SignupPage } from "../features/auth/routes/signup-page.tsx";
import { AcceptInvitationPage } from "../features/auth/routes/accept-invitation-page.tsx";
import { OrdersPage } from "../features/orders/routes/orders-page.tsx";
import { OrderPage } from "../features/orders/routes/order-page.tsx";
import { ScanPage } from "../features/orders/routes/scan-page.tsx";
import { PackingSlipPage, PackingSlipsPage } from "../features/shipments/routes/packing-slip-page.tsx";
import { PurchasingPage } from "../features/purchasing/routes/purchasing-page.tsx";
import { PurchaseOrderNewPage } from "../features/purchasing/routes/purchase-order-new-page.tsx";
import { PurchaseOrderPage } from "../features/purchasing/routes/purchase-order-page.tsx";
import { PurchaseOrderPrintPage } from "../features/purchasing/routes/purchase-order-print-page.tsx";
import { ReceivingPage } from "../features/receiving/routes/receiving-page.tsx";
import { ReceivePage } from "../features/receiving/routes/receive-page.tsx";
import { StagingPage } from "../features/staging/routes/staging-page.tsx";
import { PickPage } from "../features/staging/routes/pick-page.tsx";
import { StagingSlipPage } from "../features/staging/routes/staging-slip-page.tsx";
import { BackorderReportPage } from "../features/reports/routes/backorder-report-page.tsx";
import { StockPage } from "../features/stock/routes/stock-page.tsx";
import { StockAdjustPage } from "../features/stock/routes/stock-adjust-page.tsx";
import { StockCountPage } from "../features/stock/routes/stock-count-page.tsx";
import { StockLedgerPage } from "../features/stock/routes/stock-ledger-page.tsx";
import { ProductsPage } from "../features/products/routes/products-page.tsx";
import { ProductNewPage } from "../features/products/routes/product-new-page.tsx";
import { ProductPage } from "../features/products/routes/product-page.tsx";
import { SuppliersPage } from "../features/suppliers/routes/suppliers-page.tsx";
import { SupplierPage } from "../features/suppliers/routes/supplier-page.tsx";
import { WarehousesPage } from "../features/warehouses/routes/warehouses-page.tsx";
import { WarehousePage } from "../features/warehouses/routes/warehouse-page.tsx";
import { ChannelsPage } from "../features/channels/routes/channels-page.tsx";
import { ChannelNewPage, ChannelPage } from "../features/channels/routes/channel-page.tsx";
import { UsersPage } from "../features/users/routes/users-page.tsx";
import { SettingsPage } from "../features/settings/routes/settings-page.tsx";
import { IntegrationsPage } from "../features/integrations/routes/integrations-page.tsx";

export const router = createBrowserRouter([
  { path: "/login", element: <LoginPage />, errorElement: <RouteError /> },
  { path: "/signup", element: <SignupPage />, errorElement: <RouteError /> },
  { path: "/accept-invitation", element: <AcceptInvitationPage />, errorElement: <RouteError /> },
  {
    element: <RequireAuth />,
    errorElement: <RouteError />,
    children: [
      {
        element: <AppLayout />,
        children: [
          {
            errorElement: <RouteError />,
            children: [
              { index: true, element: <Navigate to="/orders" replace /> },
              { path: "orders", element: <OrdersPage /> },
              { path: "orders/scan", element: <ScanPage /> },
              { path: "orders/:orderId", element: <OrderPage /> },
              { path: "orders/:orderId/pick", element: <PickPage /> },
              { path: "orders/:orderId/staging-slip", element: <StagingSlipPage /> },
              { path: "shipments/slips", element: <PackingSlipsPage /> },
              { path: "shipments/:shipmentId/slip", element: <PackingSlipPage /> },
              { path: "purchasing", element: <PurchasingPage /> },
              { path: "purchasing/new", element: <PurchaseOrderNewPage /> },
              { path: "purchasing/:poId", element: <PurchaseOrderPage /> },
              { path: "purchasing/:poId/print", element: <PurchaseOrderPrintPage /> },
              { path: "receiving", element: <ReceivingPage /> },
              { path: "receiving/:poId", element: <ReceivePage /> },
              { path: "staging", element: <StagingPage /> },
              { path: "reports", element: <Navigate to="/reports/backorders" replace /> },
              { path: "reports/backorders", element: <BackorderReportPage /> },
              { path: "stock", element: <StockPage /> },
              { path: "stock/adjust", element: <StockAdjustPage /> },
              { path: "stock/count", element: <StockCountPage /> },
              { path: "stock/ledger", element: <StockLedgerPage /> },
              { path: "products", element: <ProductsPage /> },
              { path: "products/new", element: <ProductNewPage /> },
              { path: "products/:productId", element: <ProductPage /> },
              { path: "suppliers", element: <SuppliersPage /> },
              { path: "suppliers/:supplierId", element: <SupplierPage /> },
              { path: "warehouses", element: <RequireRole roles={AREA_ROLES.warehouses} title="Warehouses"><WarehousesPage /></RequireRole> },
              { path: "warehouses/:warehouseId", element: <RequireRole roles={AREA_ROLES.warehouses} title="Warehouses"><WarehousePage /></RequireRole> },
              { path: "channels", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelsPage /></RequireRole> },
              { path: "channels/new", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelNewPage /></RequireRole> },
              { path: "channels/:channelId", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelPage /></RequireRole> },
              {
                path: "integrations",
                element: (
                  <RequireRole roles={AREA_ROLES.integrations} title="Integrations">
                    <IntegrationsPage />
                  </RequireRole>
                ),
              },
              {
                path: "users",
                element: (
                  <RequireRole roles={AREA_ROLES.users} title="Users">
                    <UsersPage />
                  </RequireRole>
                ),
              },
              {
                path: "settings",
                element: (
                  <RequireRole roles={AREA_ROLES.settings} title="Settings">
                    <SettingsPage />
                  </RequireRole>
                ),
              },
              { path: "*", element: <NotFoundPage /> },
            ],
          },
        ],
      },
    ],
  },
]);
