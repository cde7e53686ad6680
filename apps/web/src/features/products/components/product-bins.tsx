// A product's bin in each warehouse: shown to everyone, changed by managers (a pick or bulk
// location of that warehouse). Pick lists and the pick screen show it per line.
import type { TProductLocation } from "@bod/contracts/pick-lists";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useBinLocations, useProductBins, useSetProductBin } from "../api/product-bins-api.ts";

export function ProductBins({ productId, canEdit }: { productId: string; canEdit: boolean }) {
  const bins = useProductBins(productId);
  return (
    <section className="card stack" aria-labelledby="bins-title">
      <h2 id="bins-title">Bins</h2>
      <p className="muted">Where the product is picked from in each warehouse.</p>
      {bins.isPending ? (
        <Spinner label="Loading bins…" />
      ) : bins.isError ? (
        <ErrorAlert error={bins.error} />
      ) : (
        <Table
          label="Bins per warehouse"
          head={
            <tr>
              <th scope="col">Warehouse</th>
              <th scope="col">Bin</th>
            </tr>
          }
        >
          {bins.data.items.map((b) => (
            <tr key={b.warehouse.id}>
              <td>{b.warehouse.name}</td>
              <td>{canEdit ? <BinSelect productId={productId} bin={b} /> : <span className="mono">{b.location?.code ?? "None"}</span>}</td>
            </tr>
          ))}
        </Table>
      )}
    </section>
  );
}

function BinSelect({ productId, bin }: { productId: string; bin: TProductLocation }) {
  const locations = useBinLocations(bin.warehouse.id, true);
  const set = useSetProductBin(productId);
  const toast = useToast();
  return (
    <>
      <select
        aria-label={`Bin in ${bin.warehouse.name}`}
        value={bin.location?.id ?? ""}
        disabled={set.isPending}
        onChange={(e) =>
          set.mutate(
            { warehouseId: bin.warehouse.id, locationId: e.target.value || null },
            { onSuccess: (saved) => toast(saved.location ? `Bin in ${bin.warehouse.name}: ${saved.location.code}` : `No bin in ${bin.warehouse.name}`) },
          )
        }
      >
        <option value="">None</option>
        {bin.location && !locations.data?.some((l) => l.id === bin.location!.id) && <option value={bin.location.id}>{bin.location.code}</option>}
        {locations.data?.map((l) => (
          <option key={l.id} value={l.id}>
            {l.code} ({l.kind})
          </option>
        ))}
      </select>
      <ErrorAlert error={set.error} />
    </>
  );
}
