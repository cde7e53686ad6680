// Every route of the SPA: sign-in pages outside the shell, everything else behind the auth guard.
// Pages inside the shell load on demand (one chunk per page, fetched on first visit).
import { createBrowserRouter, Navigate, type RouteObject } from "react-router";
import { AppLayout } from "./layout.tsx";
import { RequireAuth } from "./require-auth.tsx";
import { NotFoundPage } from "./not-found-page.tsx";
import { RouteError } from "./route-error.tsx";
import { RequireRole } from "./require-role.tsx";
import { lazyPage, PageSuspense, preloadRoute } from "./lazy-page.tsx";
import { AREA_ROLES } from "../lib/roles.ts";
import { LoginPage } from "../features/auth/routes/login-page.tsx";
import { SignupPage } from "../features/auth/routes/signup-page.tsx";
import { AcceptInvitationPage } from "../features/auth/routes/accept-invitation-page.tsx";
const DashboardPage = lazyPage(() => import("../features/dashboard/routes/dashboard-page.tsx"), "DashboardPage");
const OrdersPage = lazyPage(() => import("../features/orders/routes/orders-page.tsx"), "OrdersPage");
const OrderPage = lazyPage(() => import("../features/orders/routes/order-page.tsx"), "OrderPage");
const ScanPage = lazyPage(() => import("../features/orders/routes/scan-page.tsx"), "ScanPage");
const PackingSlipPage = lazyPage(() => import("../features/shipments/routes/packing-slip-page.tsx"), "PackingSlipPage");
const PackingSlipsPage = lazyPage(() => import("../features/shipments/routes/packing-slip-page.tsx"), "PackingSlipsPage");
const PurchasingPage = lazyPage(() => import("../features/purchasing/routes/purchasing-page.tsx"), "PurchasingPage");
const PurchaseOrderNewPage = lazyPage(() => import("../features/purchasing/routes/purchase-order-new-page.tsx"), "PurchaseOrderNewPage");
const PurchaseOrderPage = lazyPage(() => import("../features/purchasing/routes/purchase-order-page.tsx"), "PurchaseOrderPage");
const PurchaseOrderPrintPage = lazyPage(() => import("../features/purchasing/routes/purchase-order-print-page.tsx"), "PurchaseOrderPrintPage");
const ReceivingPage = lazyPage(() => import("../features/receiving/routes/receiving-page.tsx"), "ReceivingPage");
const ReceivePage = lazyPage(() => import("../features/receiving/routes/receive-page.tsx"), "ReceivePage");
const ReturnsPage = lazyPage(() => import("../features/returns/routes/returns-page.tsx"), "ReturnsPage");
const ReturnPage = lazyPage(() => import("../features/returns/routes/return-page.tsx"), "ReturnPage");
const StagingPage = lazyPage(() => import("../features/staging/routes/staging-page.tsx"), "StagingPage");
const PickPage = lazyPage(() => import("../features/staging/routes/pick-page.tsx"), "PickPage");
const StagingSlipPage = lazyPage(() => import("../features/staging/routes/staging-slip-page.tsx"), "StagingSlipPage");
const PickListsPage = lazyPage(() => import("../features/pick-lists/routes/pick-lists-page.tsx"), "PickListsPage");
const PickListPage = lazyPage(() => import("../features/pick-lists/routes/pick-list-page.tsx"), "PickListPage");
const PickListPrintPage = lazyPage(() => import("../features/pick-lists/routes/pick-list-print-page.tsx"), "PickListPrintPage");
const BackorderReportPage = lazyPage(() => import("../features/reports/routes/backorder-report-page.tsx"), "BackorderReportPage");
const StockPage = lazyPage(() => import("../features/stock/routes/stock-page.tsx"), "StockPage");
const StockAdjustPage = lazyPage(() => import("../features/stock/routes/stock-adjust-page.tsx"), "StockAdjustPage");
const StockCountPage = lazyPage(() => import("../features/stock/routes/stock-count-page.tsx"), "StockCountPage");
const StockLedgerPage = lazyPage(() => import("../features/stock/routes/stock-ledger-page.tsx"), "StockLedgerPage");
const ProductsPage = lazyPage(() => import("../features/products/routes/products-page.tsx"), "ProductsPage");
const ProductNewPage = lazyPage(() => import("../features/products/routes/product-new-page.tsx"), "ProductNewPage");
const ProductPage = lazyPage(() => import("../features/products/routes/product-page.tsx"), "ProductPage");
const SuppliersPage = lazyPage(() => import("../features/suppliers/routes/suppliers-page.tsx"), "SuppliersPage");
const SupplierPage = lazyPage(() => import("../features/suppliers/routes/supplier-page.tsx"), "SupplierPage");
const WarehousesPage = lazyPage(() => import("../features/warehouses/routes/warehouses-page.tsx"), "WarehousesPage");
const WarehousePage = lazyPage(() => import("../features/warehouses/routes/warehouse-page.tsx"), "WarehousePage");
const ChannelsPage = lazyPage(() => import("../features/channels/routes/channels-page.tsx"), "ChannelsPage");
const ChannelNewPage = lazyPage(() => import("../features/channels/routes/channel-page.tsx"), "ChannelNewPage");
const ChannelPage = lazyPage(() => import("../features/channels/routes/channel-page.tsx"), "ChannelPage");
const UsersPage = lazyPage(() => import("../features/users/routes/users-page.tsx"), "UsersPage");
const SettingsPage = lazyPage(() => import("../features/settings/routes/settings-page.tsx"), "SettingsPage");
const ImportsPage = lazyPage(() => import("../features/imports/routes/imports-page.tsx"), "ImportsPage");
const ImportPage = lazyPage(() => import("../features/imports/routes/import-page.tsx"), "ImportPage");
const CustomerPoliciesPage = lazyPage(() => import("../features/customer-policies/routes/customer-policies-page.tsx"), "CustomerPoliciesPage");
const IntegrationsPage = lazyPage(() => import("../features/integrations/routes/integrations-page.tsx"), "IntegrationsPage");

const routes: RouteObject[] = [
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
            element: <PageSuspense />,
            errorElement: <RouteError />,
            children: [
              { index: true, element: <DashboardPage /> },
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
              { path: "returns", element: <RequireRole roles={AREA_ROLES.returns} title="Returns"><ReturnsPage /></RequireRole> },
              { path: "returns/:returnId", element: <RequireRole roles={AREA_ROLES.returns} title="Returns"><ReturnPage /></RequireRole> },
              { path: "staging", element: <StagingPage /> },
              { path: "pick-lists", element: <RequireRole roles={AREA_ROLES.pickLists} title="Pick lists"><PickListsPage /></RequireRole> },
              { path: "pick-lists/:pickListId", element: <RequireRole roles={AREA_ROLES.pickLists} title="Pick lists"><PickListPage /></RequireRole> },
              { path: "pick-lists/:pickListId/print", element: <RequireRole roles={AREA_ROLES.pickLists} title="Pick lists"><PickListPrintPage /></RequireRole> },
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
              { path: "customer-policies", element: <CustomerPoliciesPage /> },
              { path: "suppliers/:supplierId", element: <SupplierPage /> },
              { path: "warehouses", element: <RequireRole roles={AREA_ROLES.warehouses} title="Warehouses"><WarehousesPage /></RequireRole> },
              { path: "warehouses/:warehouseId", element: <RequireRole roles={AREA_ROLES.warehouses} title="Warehouses"><WarehousePage /></RequireRole> },
              { path: "channels", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelsPage /></RequireRole> },
              { path: "channels/new", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelNewPage /></RequireRole> },
              { path: "channels/:channelId", element: <RequireRole roles={AREA_ROLES.channels} title="Channels"><ChannelPage /></RequireRole> },
              { path: "imports", element: <RequireRole roles={AREA_ROLES.imports} title="Imports"><ImportsPage /></RequireRole> },
              { path: "imports/:importId", element: <RequireRole roles={AREA_ROLES.imports} title="Imports"><ImportPage /></RequireRole> },
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
];

export const router = createBrowserRouter(routes);
// The page the app opens on starts loading now, beside the session check, not after it.
preloadRoute(routes, window.location.pathname);
