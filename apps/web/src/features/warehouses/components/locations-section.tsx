import { useState, type FormEvent } from "react";
import type { TLocationKind } from "@bod/contracts/warehouses";
import { Table } from "../../../components/ui/table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Badge, type BadgeTone } from "../../../components/ui/badge.tsx";
import { FormField } from "../../../components/ui/form-field.tsx";
import { ErrorAlert, fieldError } from "../../../components/ui/alert.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { humanize } from "../../../lib/format.ts";
import { useCreateLocation, useDeleteLocation, useLocations } from "../api/warehouses-api.ts";

const KINDS: { value: TLocationKind; help: string }[] = [
  { value: "pick", help: "shelves pickers take from" },
  { value: "bulk", help: "overflow and pallets" },
  { value: "staging", help: "totes of partially picked orders" },
  { value: "receiving", help: "dock where deliveries land" },
];
const KIND_TONE: Record<TLocationKind, BadgeTone> = { pick: "success", bulk: "neutral", staging: "warning", receiving: "info" };

export function LocationsSection({ warehouseId }: { warehouseId: string }) {
  const list = useLocations(warehouseId);
  const create = useCreateLocation(warehouseId);
  const remove = useDeleteLocation(warehouseId);
  const toast = useToast();
  const [code, setCode] = useState("");
  const [kind, setKind] = useState<TLocationKind>("pick");
  const [local, setLocal] = useState<string>();

  function submit(e: FormEvent) {
    e.preventDefault();
    if (!code.trim()) return setLocal("Enter a location code, e.g. A-01-02");
    setLocal(undefined);
    create.mutate(
      { code: code.trim(), kind },
      {
        onSuccess: (l) => {
          toast(`Location ${l.code} added`);
          setCode("");
        },
      },
    );
  }

  return (
    <section className="card" aria-labelledby="locations-title">
      <h2 id="locations-title">Locations</h2>
      <form onSubmit={submit} className="form-row wrap" noValidate>
        <FormField label="Location code" error={local ?? fieldError(create.error, "code")}>
          <input value={code} onChange={(e) => setCode(e.target.value)} className="mono" autoComplete="off" size={12} />
        </FormField>
        <FormField label="Kind" error={fieldError(create.error, "kind")}>
          <select value={kind} onChange={(e) => setKind(e.target.value as TLocationKind)}>
            {KINDS.map((k) => (
              <option key={k.value} value={k.value}>
                {humanize(k.value)} — {k.help}
              </option>
            ))}
          </select>
        </FormField>
        <div className="form-actions">
          <Button type="submit" variant="primary" busy={create.isPending}>
            Add location
          </Button>
        </div>
      </form>
      <ErrorAlert error={create.error} shownFields={["code", "kind"]} />
      <ErrorAlert error={remove.error} />
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.items.length === 0 ? (
        <p className="muted">No locations yet. Add pick and staging locations above.</p>
      ) : (
        <>
          <Table
            label="Locations"
            head={
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Kind</th>
                <th scope="col"><span className="visually-hidden">Actions</span></th>
              </tr>
            }
          >
            {list.items.map((l) => (
              <tr key={l.id}>
                <td className="mono">{l.code}</td>
                <td>
                  <Badge tone={KIND_TONE[l.kind]}>{humanize(l.kind)}</Badge>
                </td>
                <td className="row-actions">
                  <Button
                    variant="ghost"
                    aria-label={`Remove location ${l.code}`}
                    busy={remove.isPending && remove.variables === l.id}
                    onClick={() => remove.mutate(l.id, { onSuccess: () => toast(`Location ${l.code} removed`) })}
                  >
                    Remove
                  </Button>
                </td>
              </tr>
            ))}
          </Table>
          <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
        </>
      )}
    </section>
  );
}
