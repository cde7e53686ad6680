import { useParams } from "react-router";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Barcode } from "../../../components/ui/barcode.tsx";
import { CompanyName, PrintToolbar, WarehouseParty } from "../../../components/ui/print-document.tsx";
import { formatDate, formatDateTime } from "../../../lib/format.ts";
import { ScrollBox } from "../../../components/ui/table.tsx";
import { usePickList } from "../api/pick-lists-api.ts";
import "../pick-lists.css";

/** `/pick-lists/:pickListId/print`: the list on paper, by bin then SKU, with totals, the orders each unit goes to, and boxes to tick. */
export function PickListPrintPage() {
  const { pickListId } = useParams();
  const query = usePickList(pickListId);
  if (query.isPending) return <Spinner label="Loading pick list…" />;
  if (query.isError) return <ErrorAlert error={query.error} />;
  const list = query.data;
  const open = list.orders.filter((o) => o.state !== "released");
  return (
    <div className="page">
      <PrintToolbar backTo={`/pick-lists/${list.id}`} backLabel="Back to picking" />
      <article className="print-doc pick-list-doc" aria-label={`Pick list ${list.number}`}>
        <div className="print-doc-head">
          <div>
            <CompanyName />
            <h1>Pick list</h1>
            <div>
              List <strong className="mono">{list.number}</strong> · made {formatDateTime(list.createdAt)}
              {list.createdBy ? ` by ${list.createdBy}` : ""}
            </div>
            <div>
              {open.length} order{open.length === 1 ? "" : "s"} · {list.units} unit{list.units === 1 ? "" : "s"}
            </div>
          </div>
          <Barcode value={list.number} label={`Pick list number ${list.number} as a barcode`} />
        </div>
        <div className="print-parties">
          <WarehouseParty heading="Warehouse" warehouse={list.warehouse} />
        </div>
        <h2>Pick by bin</h2>
        <ScrollBox label="Pick by bin" className="doc-scroll">
          <table aria-label="Pick by bin">
            <thead>
              <tr>
                <th scope="col">Bin</th>
                <th scope="col">SKU</th>
                <th scope="col">Name</th>
                <th scope="col" className="num">Total</th>
                <th scope="col">Orders (units)</th>
                <th scope="col">Picked</th>
              </tr>
            </thead>
            <tbody>
              {list.groups.map((g) => (
                <tr key={`${g.location?.id ?? "none"}-${g.productId}`}>
                  <td className="mono bin-cell">{g.location?.code ?? "No bin"}</td>
                  <td className="mono">{g.sku}</td>
                  <td>{g.name}</td>
                  <td className="num">{g.quantity}</td>
                  <td>
                    <ul className="pick-drops">
                      {g.drops.map((d) => (
                        <li key={d.lineId}>
                          <span className="mono">{d.orderNumber}</span> × {d.quantity}
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    <span className="tick" role="img" aria-label={`Tick box for ${g.sku}`} />
                  </td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row" colSpan={3}>
                  Total units
                </th>
                <td className="num">{list.units}</td>
                <td colSpan={2} />
              </tr>
            </tfoot>
          </table>
        </ScrollBox>
        <h2>Orders</h2>
        <ScrollBox label="Orders on the list" className="doc-scroll">
          <table aria-label="Orders on the list">
            <thead>
              <tr>
                <th scope="col">Order</th>
                <th scope="col">Customer</th>
                <th scope="col">Ship by</th>
                <th scope="col" className="num">Units</th>
                <th scope="col">Packed</th>
              </tr>
            </thead>
            <tbody>
              {open.map((o) => (
                <tr key={o.orderId}>
                  <td className="mono">{o.number}</td>
                  <td>{o.customerName}</td>
                  <td>{formatDate(o.shipBy)}</td>
                  <td className="num">{o.units}</td>
                  <td>
                    <span className="tick" role="img" aria-label={`Tick box for ${o.number}`} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollBox>
      </article>
    </div>
  );
}
