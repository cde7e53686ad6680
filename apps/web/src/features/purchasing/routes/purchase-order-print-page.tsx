import { Link, useParams } from "react-router";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { formatCents, formatDateTime, humanize } from "../../../lib/format.ts";
import { usePurchaseOrder } from "../api/purchase-orders-api.ts";
import "../purchasing.css";

/** A printable purchase order: supplier, ship-to warehouse, lines and totals; the print CSS drops the app chrome. */
export function PurchaseOrderPrintPage() {
  const { poId = "" } = useParams();
  const query = usePurchaseOrder(poId);
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const po = query.data;
  const totalUnits = po.lines.reduce((s, l) => s + l.quantityOrdered, 0);
  const totalCents = po.lines.reduce((s, l) => s + l.quantityOrdered * l.unitCostCents, 0);
  return (
    <article className="page print-page" aria-label={`Purchase order ${po.number}`}>
      <p className="breadcrumb">
        <Link to={`/purchasing/${po.id}`}>← Back to purchase order</Link>
      </p>
      <div className="print-head">
        <div>
          <h1>Purchase order {po.number}</h1>
          <p>
            Status: {humanize(po.status)} · Raised {formatDateTime(po.createdAt)}
            <br />
            Expected delivery: <strong>{po.expectedDate ?? "as soon as possible"}</strong>
          </p>
        </div>
        <Button variant="primary" onClick={() => window.print()}>
          Print
        </Button>
      </div>
      <div className="print-head">
        <section aria-label="Supplier">
          <h2>Supplier</h2>
          <address>
            <strong>{po.supplier.name}</strong>
            {po.supplier.email && (
              <>
                <br />
                {po.supplier.email}
              </>
            )}
          </address>
        </section>
        <section aria-label="Deliver to">
          <h2>Deliver to</h2>
          <address>
            <strong>{po.warehouse.name}</strong>
            {po.warehouse.code && (
              <>
                <br />
                Warehouse {po.warehouse.code}
              </>
            )}
          </address>
        </section>
      </div>
      <table aria-label="Purchase order lines">
        <thead>
          <tr>
            <th scope="col">#</th>
            <th scope="col">SKU</th>
            <th scope="col">Barcode</th>
            <th scope="col">Description</th>
            <th scope="col" className="num">
              Quantity
            </th>
            <th scope="col" className="num">
              Unit cost
            </th>
            <th scope="col" className="num">
              Amount
            </th>
          </tr>
        </thead>
        <tbody>
          {po.lines.map((l, i) => (
            <tr key={l.id}>
              <td>{i + 1}</td>
              <td className="mono">{l.sku}</td>
              <td className="mono">{l.barcode ?? ""}</td>
              <td>{l.name}</td>
              <td className="num">{l.quantityOrdered}</td>
              <td className="num">{formatCents(l.unitCostCents)}</td>
              <td className="num">{formatCents(l.quantityOrdered * l.unitCostCents)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr className="total-row">
            <th scope="row" colSpan={4}>
              Total
            </th>
            <td className="num">{totalUnits}</td>
            <td />
            <td className="num">{formatCents(totalCents)}</td>
          </tr>
        </tfoot>
      </table>
      {po.notes && <p>Notes: {po.notes}</p>}
    </article>
  );
}
