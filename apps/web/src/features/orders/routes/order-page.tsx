// One order: summary, conflicts, manager actions, lines, shipments, money, messages to the store, timeline.
import { useState } from "react";
import { Link, useParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Alert, ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Badge } from "../../../components/ui/badge.tsx";
import { useSession } from "../../../lib/session.ts";
import { humanize } from "../../../lib/format.ts";
import { useOrder } from "../api/orders-api.ts";
import type { TOrderDetail } from "../api/order-types.ts";
import { formatDate } from "../lib/dates.ts";
import { canManageOrders } from "../lib/roles.ts";
import { FulfillabilityBadge, ShipBy, StatusBadge } from "../components/order-badges.tsx";
import { LinesTable } from "../components/lines-table.tsx";
import { ShipmentForm, shippableNow } from "../components/shipment-form.tsx";
import { ManagerActions } from "../components/manager-actions.tsx";
import { NotesSection, ShipmentsList, TagsEditor, Timeline } from "../components/order-side.tsx";
import { OversellPanel } from "../components/oversell-panel.tsx";
import { ConflictsBanner, UnknownSkuBanner } from "../components/order-conflicts.tsx";
import { StoreMessages } from "../components/store-messages.tsx";
import { AREA_ROLES, hasRole } from "../../../lib/roles.ts";
import { MoneySection, RefundsSection } from "../components/order-money.tsx";
import { ModeForm } from "../../staging/components/staging-forms.tsx";
import { OrderReturns } from "../../returns/components/order-returns.tsx";
import "../orders.css";

export function OrderPage() {
  const { orderId } = useParams();
  const order = useOrder(orderId);
  const me = useSession();
  const [shipping, setShipping] = useState(false);

  if (order.isPending) return <Spinner label="Loading order…" />;
  if (order.isError)
    return (
      <div className="page">
        <div className="breadcrumb">
          <Link to="/orders">Orders</Link>
        </div>
        <ErrorAlert error={order.error} />
      </div>
    );
  const o = order.data;
  // What this user may do now comes from the server (allowedActions: role × state); the page only shows it.
  const may = (a: TOrderDetail["allowedActions"][number]) => o.allowedActions.includes(a);
  const canShip = may("ship");
  const waitingForComplete =
    o.fulfillmentMode === "ship_complete" && (o.status === "open" || o.status === "partially_shipped") && o.fulfillability !== "fulfillable" && o.lines.some((l) => shippableNow(l) > 0);

  return (
    <div className="page page-wide">
      <div className="breadcrumb">
        <Link to="/orders">Orders</Link>
      </div>
      <PageHeader
        title={`Order ${o.number}`}
        description={
          <span className="tag-list">
            <FulfillabilityBadge value={o.status === "shipped" || o.status === "cancelled" ? null : o.fulfillability} />
            <StatusBadge value={o.status} />
            {o.priority !== 0 && <Badge tone="info">Priority {o.priority}</Badge>}
            {o.fulfillmentMode === "ship_complete" && <Badge tone="neutral">Ships complete</Badge>}
            {may("pick") && <Link to={`/orders/${o.id}/pick`}>Pick &amp; stage</Link>}
          </span>
        }
        actions={
          canShip && !shipping ? (
            <Button variant="primary" onClick={() => setShipping(true)}>
              Ship available items
            </Button>
          ) : undefined
        }
      />
      <section className="card" aria-label="Order summary">
        <dl className="order-meta">
          <div>
            <dt>Customer</dt>
            <dd>{o.customer.name}</dd>
            {o.customer.email && <dd className="muted small">{o.customer.email}</dd>}
          </div>
          <div>
            <dt>Channel</dt>
            <dd>
              {o.channel.name}
              {(o.storeOrderName ?? o.externalId) && (
                <span className="muted small mono" title={o.externalId ? `Order id in the store: ${o.externalId}` : undefined}>
                  {" "}
                  {o.storeOrderName ?? o.externalId}
                </span>
              )}
            </dd>
          </div>
          <div>
            <dt>Order date</dt>
            <dd>{formatDate(o.orderDate)}</dd>
          </div>
          <div>
            <dt>Ship-by</dt>
            <dd>
              <ShipBy value={o.shipBy} isOverdue={o.isOverdue} />
            </dd>
          </div>
          <div>
            <dt>Priority</dt>
            <dd>{o.priority}</dd>
          </div>
          <div>
            <dt>Fulfillment</dt>
            <dd>{humanize(o.fulfillmentMode)}</dd>
          </div>
          {o.projectedDate && o.fulfillability !== "fulfillable" && (
            <div>
              <dt>Projected</dt>
              <dd>{formatDate(o.projectedDate)}</dd>
            </div>
          )}
        </dl>
        {o.customer.shippingAddress && <p className="small" style={{ marginTop: 8, whiteSpace: "pre-line" }}>{o.customer.shippingAddress}</p>}
      </section>
      {waitingForComplete && <Alert tone="warning">This order ships complete: it can only ship in full. Pick what is in stock into a container, or a manager can change its mode on the pick screen.</Alert>}
      <UnknownSkuBanner order={o} />
      <ConflictsBanner order={o} canResolve={canManageOrders(me.role)} />
      {o.allowedActions.some((a) => a !== "ship" && a !== "pick") && <ManagerActions order={o} />}
      {may("resolve_oversell") && <OversellPanel order={o} onShip={() => setShipping(true)} />}
      {shipping && <ShipmentForm order={o} onClose={() => setShipping(false)} />}
      {/* Full width: nine columns fit a desktop and a tablet without scrolling. */}
      <section className="card" aria-labelledby="lines-title" style={{ marginTop: 12 }}>
        <h2 id="lines-title">Lines</h2>
        <LinesTable lines={o.lines} kits={o.kits} />
      </section>
      <div className="order-layout" style={{ marginTop: 12 }}>
        <div>
          <ShipmentsList order={o} />
          <RefundsSection order={o} />
          <OrderReturns order={o} />
          <StoreMessages order={o} canOpenIntegrations={hasRole(me.role, AREA_ROLES.integrations)} />
        </div>
        <div>
          <MoneySection order={o} />
          {may("change_fulfillment_mode") && <ModeForm order={o} />}
          <TagsEditor order={o} />
          <NotesSection order={o} />
          <Timeline order={o} />
        </div>
      </div>
    </div>
  );
}
