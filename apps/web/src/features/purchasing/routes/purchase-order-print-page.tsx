import { useParams } from "react-router";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { CompanyName, PrintToolbar, WarehouseParty } from "../../../components/ui/print-document.tsx";
import { formatDate, formatMoney, formatDateTime, humanize } from "../../../lib/format.ts";
import { usePurchaseOrder } from "../api/purchase-orders-api.ts";
import { ScrollBox } from "../../../components/ui/table.tsx";

/** `/purchasing/:poId/print`: a printable purchase order: supplier, deliver-to warehouse, lines and totals, the PO number as a barcode for the receiving desk. */
export function PurchaseOrderPrintPage() {
  const { poId = "" } = useParams();
  const query = usePurchaseOrder(poId);
  if (query.isPending) return <Spinner />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const po = query.data;
  const totalUnits = po.lines.reduce((s, l) => s + l.quantityOrdered, 0);
  const totalCents = po.lines.reduce((s, l) => s + l.quantityOrdered * l.unitCostCents, 0);
  return (
    <div className="page">
      <PrintToolbar backTo={`/purchasing/${po.id}`} backLabel="Back to purchase order" />
      <article className="print-doc" aria-label={`Purchase order ${po.number}`}>
        <div className="print-doc-head">
          <div>
            <CompanyName />
            <h1>Purchase order {po.number}</h1>
            <div>
              {humanize(po.status)} · raised {formatDateTime(po.createdAt)}
            </div>
            <div>
              Expected delivery: <strong>{po.expectedDate ? formatDate(po.expectedDate) : "as soon as possible"}</strong>
            </div>
          </div>
          <Barcode value={po.number} label={`Purchase order number ${po.number} as a barcode`} />
        </div>
        <div className="print-parties">
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
          <WarehouseParty heading="Deliver to" warehouse={po.warehouse} />
        </div>
        <ScrollBox label="Purchase order lines" className="doc-scroll">
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
                  <td className="num">{formatMoney(l.unitCostCents)}</td>
                  <td className="num">{formatMoney(l.quantityOrdered * l.unitCostCents)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={4}>
                  Total
                </th>
                <td className="num">{totalUnits}</td>
                <td />
                <td className="num">{formatMoney(totalCents)}</td>
              </tr>
            </tfoot>
          </table>
        </ScrollBox>
        {po.notes && <p className="print-address">Notes: {po.notes}</p>}
      </article>
    </div>
  );
}
