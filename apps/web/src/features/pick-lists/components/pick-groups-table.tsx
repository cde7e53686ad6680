import type { TPickList } from "@bod/contracts/pick-lists";
import { Table } from "../../../components/ui/table.tsx";

/** What to pick, by bin then SKU: the total, what is picked, and the orders the units go to in dealing order. */
export function PickGroupsTable({ list }: { list: TPickList }) {
  return (
    <Table
      label="What to pick"
      head={
        <tr>
          <th scope="col">Bin</th>
          <th scope="col">SKU</th>
          <th scope="col">Name</th>
          <th scope="col">Barcode</th>
          <th scope="col" className="num">Picked</th>
          <th scope="col">Goes to</th>
        </tr>
      }
    >
      {list.groups.map((g) => (
        <tr key={`${g.location?.id ?? "none"}-${g.productId}`} className={g.picked === g.quantity ? "pick-done" : undefined}>
          <td className="mono pick-bin">{g.location?.code ?? "No bin"}</td>
          <td className="mono">{g.sku}</td>
          <td>{g.name}</td>
          <td className="mono">{g.barcode ?? "—"}</td>
          <td className="num">
            {g.picked} of {g.quantity}
          </td>
          <td>
            <ul className="pick-drops">
              {g.drops.map((d) => (
                <li key={d.lineId}>
                  <span className="mono">{d.orderNumber}</span> {d.picked}/{d.quantity}
                  {d.picked === d.quantity ? " ✓" : ""}
                </li>
              ))}
            </ul>
          </td>
        </tr>
      ))}
    </Table>
  );
}
