import { useState } from "react";
import { useNavigate } from "react-router";
import { WarehouseSelect } from "../../../components/warehouse-select.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { formatDate } from "../../../lib/format.ts";
import { useCreatePickList, useFulfillableOrders } from "../api/pick-lists-api.ts";

/** Choose fulfillable orders of one warehouse (highest priority first) and make a pick list of them. */
export function NewPickListForm() {
  const navigate = useNavigate();
  const [warehouseId, setWarehouseId] = useState("");
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const orders = useFulfillableOrders(warehouseId);
  const create = useCreatePickList();
  const items = orders.data?.items ?? [];
  const toggle = (id: string, on: boolean) =>
    setChosen((s) => {
      const next = new Set(s);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  const selected = items.filter((o) => chosen.has(o.id)).map((o) => o.id);

  function submit() {
    create.mutate(
      { orderIds: selected },
      { onSuccess: (res) => navigate(`/pick-lists/${res.pickList.id}`) },
    );
  }

  return (
    <section className="card stack" aria-labelledby="new-list-title">
      <h2 id="new-list-title">New pick list</h2>
      <div className="form-row">
        <WarehouseSelect
          value={warehouseId}
          onChange={(id) => {
            setWarehouseId(id);
            setChosen(new Set());
          }}
        />
      </div>
      {orders.isPending && warehouseId ? (
        <Spinner label="Loading fulfillable orders…" />
      ) : orders.isError ? (
        <ErrorAlert error={orders.error} />
      ) : items.length === 0 ? (
        <p className="muted">No fulfillable order in this warehouse right now.</p>
      ) : (
        <fieldset className="stack">
          <legend>Fulfillable orders, highest priority first</legend>
          <div className="form-actions wrap">
            <Button variant="ghost" onClick={() => setChosen(new Set(items.map((o) => o.id)))}>
              Select all {items.length}
            </Button>
            {chosen.size > 0 && (
              <Button variant="ghost" onClick={() => setChosen(new Set())}>
                Clear
              </Button>
            )}
          </div>
          <ul className="pick-order-select">
            {items.map((o) => (
              <li key={o.id}>
                <label>
                  <input type="checkbox" checked={chosen.has(o.id)} onChange={(e) => toggle(o.id, e.target.checked)} />
                  <span className="mono">{o.number}</span>
                  <span>{o.customerName}</span>
                  <span className="muted">
                    {o.linesSummary.remainingUnits} unit{o.linesSummary.remainingUnits === 1 ? "" : "s"}
                    {o.shipBy ? ` · ship by ${formatDate(o.shipBy)}` : ""}
                    {o.priority ? ` · priority ${o.priority}` : ""}
                  </span>
                </label>
              </li>
            ))}
          </ul>
        </fieldset>
      )}
      <ErrorAlert error={create.error} />
      <div className="form-actions wrap">
        <Button variant="primary" onClick={submit} busy={create.isPending} disabled={selected.length === 0}>
          Create pick list{selected.length ? ` (${selected.length} order${selected.length === 1 ? "" : "s"})` : ""}
        </Button>
      </div>
    </section>
  );
}
