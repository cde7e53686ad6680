import { Link } from "react-router";
import type { TPickList } from "@bod/contracts/pick-lists";
import { Table } from "../../../components/ui/table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { formatDate } from "../../../lib/format.ts";
import { PickListOrderBadge } from "./status-badge.tsx";

/** The list's orders in dealing order, how far each is picked, and what became of it. */
export function PickOrdersTable({ list, canRelease, onRelease, releasing }: { list: TPickList; canRelease: boolean; onRelease: (orderId: string) => void; releasing?: string }) {
  return (
    <Table
      label="Orders on the list"
      head={
        <tr>
          <th scope="col">Order</th>
          <th scope="col">Customer</th>
          <th scope="col">Ship by</th>
          <th scope="col" className="num">Picked</th>
          <th scope="col">State</th>
          <th scope="col">Note</th>
          {canRelease && <th scope="col">Action</th>}
        </tr>
      }
    >
      {list.orders.map((o) => (
        <tr key={o.orderId}>
          <td>
            <Link className="mono" to={`/orders/${o.orderId}`}>
              {o.number}
            </Link>
          </td>
          <td>{o.customerName}</td>
          <td>{formatDate(o.shipBy)}</td>
          <td className="num">
            {o.picked} of {o.units}
          </td>
          <td>
            <PickListOrderBadge order={o} />
            {o.shipmentId && (
              <>
                {" "}
                <Link to={`/shipments/${o.shipmentId}/slip`}>{o.shipmentNumber}</Link>
              </>
            )}
          </td>
          <td>{o.note ?? ""}</td>
          {canRelease && (
            <td>
              {o.state === "open" && (
                <Button variant="ghost" onClick={() => onRelease(o.orderId)} busy={releasing === o.orderId} aria-label={`Release ${o.number} from the list`}>
                  Release
                </Button>
              )}
            </td>
          )}
        </tr>
      ))}
    </Table>
  );
}
