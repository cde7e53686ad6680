import { useState } from "react";
import { Link } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { PagedTable } from "../../../components/ui/paged-table.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { SearchInput } from "../../../components/ui/search-input.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { useToast } from "../../../components/ui/toast.tsx";
import { useSearchParamState } from "../../../lib/use-search-params-state.ts";
import { useDebounced } from "../../../lib/use-debounced.ts";
import { useCreateSupplier, useSuppliers } from "../api/suppliers-api.ts";
import { SupplierForm } from "../components/supplier-form.tsx";

export function SuppliersPage() {
  const [q, setQ] = useSearchParamState("q");
  const debounced = useDebounced(q);
  const list = useSuppliers(debounced);
  const create = useCreateSupplier();
  const toast = useToast();
  const [creating, setCreating] = useState(false);
  return (
    <div className="page">
      <PageHeader
        title="Suppliers"
        description="Who you buy from. Terms per SKU (cost, lead time, case pack) are set on each product."
        actions={
          !creating && (
            <Button variant="primary" onClick={() => setCreating(true)}>
              New supplier
            </Button>
          )
        }
      />
      {creating && (
        <section className="card">
          <h2>New supplier</h2>
          <SupplierForm
            submitLabel="Save supplier"
            busy={create.isPending}
            error={create.error}
            onCancel={() => {
              setCreating(false);
              create.reset();
            }}
            onSubmit={(v) =>
              create.mutate(v, {
                onSuccess: (s) => {
                  toast(`Supplier ${s.name} created`);
                  setCreating(false);
                },
              })
            }
          />
        </section>
      )}
      <div className="toolbar">
        <SearchInput label="Search suppliers" value={q} onChange={setQ} placeholder="Name or email (press /)" />
      </div>
      <PagedTable
        list={list}
        label="Supplier list"
        empty={
          <EmptyState title={debounced ? `No supplier matches “${debounced}”` : "No suppliers yet"} />
        }
        head={
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
          </tr>
        }
        row={(s) => (
          <tr key={s.id}>
            <td>
              <Link to={`/suppliers/${s.id}`}>{s.name}</Link>
            </td>
            <td>{s.email ?? <span className="muted">—</span>}</td>
          </tr>
        )}
      />
    </div>
  );
}
