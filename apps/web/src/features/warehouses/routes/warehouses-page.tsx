import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { Table } from "../../../components/ui/table.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
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
      {list.isPending ? (
        <Spinner />
      ) : list.isError ? (
        <ErrorAlert error={list.error} />
      ) : list.items.length === 0 ? (
        <EmptyState title={debounced ? `Nothing matches “${debounced}”` : "No warehouses yet"} />
      ) : (
        <>
          <Table
            label="Sites"
            head={
              <tr>
                <th scope="col">Code</th>
                <th scope="col">Name</th>
              </tr>
            }
          >
            {list.items.map((w) => (
              <tr key={w.id}>
                <td className="mono">
                  <Link to={`/warehouses/${w.id}`}>{w.code}</Link>
                </td>
                <td>{w.name}</td>
              </tr>
            ))}
          </Table>
          <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
        </>
      )}
    </div>
  );
}
