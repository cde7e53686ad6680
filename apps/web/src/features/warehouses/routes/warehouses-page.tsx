import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useCreateWarehouse, useWarehouses } from "../api/warehouses-api.ts";
import { WarehouseForm } from "../components/warehouse-form.tsx";

export function WarehousesPage() {
  const [q, setQ] = useSearchParamState("q");
  const debounced = useDebounced(q);
  const list = useWarehouses(debounced);
  const create = useCreateWarehouse();
  const toast = useToast();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title="Warehouses"
        description="Sites that hold stock, each with pick, bulk, staging and receiving locations."
        actions={
          !creating && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New warehouse
            </Button>
          )
        }
      />
      {creating && (
        <section className="card">
          <h2>New warehouse</h2>
          <WarehouseForm
            busy={create.isPending}
            error={create.error}
            onCancel={() => {
              setCreating(false);
              create.reset();
            }}
            onSubmit={(v) =>
              create.mutate(v, {
                onSuccess: (w) => {
                  toast(`Warehouse ${w.code} created`);
                  navigate(`/warehouses/${w.id}`);
                },
              })
            }
          />
        </section>
      )}
      <div className="toolbar">
        <SearchInput label="Search sites" value={q} onChange={setQ} placeholder="Code or name (press /)" />
      </div>
      <PagedTable
        list={list}
        label="Sites"
        empty={
          <EmptyState title={debounced ? `Nothing matches “${debounced}”` : "No warehouses yet"} />
        }
        head={
          <tr>
            <th scope="col">Code</th>
            <th scope="col">Name</th>
          </tr>
        }
        row={(w) => (
          <tr key={w.id}>
            <td className="mono">
              <Link to={`/warehouses/${w.id}`}>{w.code}</Link>
            </td>
            <td>{w.name}</td>
          </tr>
        )}
      />
    </div>
  );
}
