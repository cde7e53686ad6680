import { lazy, Suspense, useState } from "react";
import { useSearchParams } from "react-router";
import { PageHeader } from "../../../components/ui/page-header.tsx";
import { Button } from "../../../components/ui/button.tsx";
import { Spinner } from "../../../components/ui/spinner.tsx";
import { ErrorAlert } from "../../../components/ui/alert.tsx";
import { EmptyState } from "../../../components/ui/empty-state.tsx";
import { LoadMore } from "../../../components/ui/load-more.tsx";
import type { TBackorderReportQuery, TBackorderSort, TPreviewPurchaseOrdersResponse, TPurchaseOrder } from "../../purchasing/api/purchasing-types.ts";
import { backorderCsvHref, useBackorderReport, useBackorderSummary, usePreviewPurchaseOrders } from "../api/backorder-report-api.ts";
import { ReportFilters, type ReportFilterValues } from "../components/report-filters.tsx";
import { BackorderTable, rowKey } from "../components/backorder-table.tsx";
import { CreatedPurchaseOrders, PurchaseOrderPreview } from "../components/purchase-order-preview.tsx";
import "../reports.css";

const ShortfallCharts = lazy(() => import("../components/shortfall-charts.tsx"));
const SORTS: TBackorderSort[] = ["net_need", "oldest_waiting", "value"];

/** Filters, sort and nothing else live in the URL, so a report view can be shared and reloaded. */
function useReportQuery() {
  const [params, setParams] = useSearchParams();
  const sortParam = params.get("sort") as TBackorderSort | null;
  const filters: ReportFilterValues = {
    warehouseId: params.get("warehouseId") ?? "",
    supplierId: params.get("supplierId") ?? "",
    channelId: params.get("channelId") ?? "",
    reorder: ((r) => (r === "exclude" || r === "only" ? r : ""))(params.get("reorder")),
    onlyNetNeed: params.get("onlyNetNeed") === "true",
    preorderOnly: params.get("preorderOnly") === "true",
  };
  const sort: TBackorderSort = sortParam && SORTS.includes(sortParam) ? sortParam : "net_need";
  const update = (patch: Partial<ReportFilterValues> & { sort?: TBackorderSort }) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        for (const [k, v] of Object.entries(patch)) {
          if (v === "" || v === false || v === undefined || (k === "sort" && v === "net_need")) p.delete(k);
          else p.set(k, String(v));
        }
        return p;
      },
      { replace: true },
    );
  const query: TBackorderReportQuery = { ...filters, reorder: filters.reorder || undefined, sort };
  return { filters, sort, query, update };
}

export function BackorderReportPage() {
  const { filters, sort, query, update } = useReportQuery();
  const report = useBackorderReport(query);
  const summary = useBackorderSummary(query);
  const preview = usePreviewPurchaseOrders();
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [proposal, setProposal] = useState<TPreviewPurchaseOrdersResponse>();
  const [created, setCreated] = useState<TPurchaseOrder[]>();

  const rows = report.items;
  const selectedRows = rows.filter((r) => selected.has(rowKey(r)));
  const toggle = (k: string) =>
    setSelected((s) => {
      const n = new Set(s);
      if (n.has(k)) n.delete(k);
      else n.add(k);
      return n;
    });

  function proposeOrders() {
    setCreated(undefined);
    preview.mutate({ rows: selectedRows.map((r) => ({ productId: r.productId, warehouseId: r.warehouseId })) }, { onSuccess: setProposal });
  }

  return (
    <div className="page">
      <PageHeader
        title="Backorder report"
        description="Per SKU and warehouse: open demand, stock, what is already on order, and the net quantity to buy."
        actions={
          <a className="btn btn-secondary" href={backorderCsvHref(query)} download>
            Export CSV
          </a>
        }
      />
      <ReportFilters
        value={filters}
        onChange={(patch) => {
          update(patch);
          setSelected(new Set());
        }}
      />
      {summary.isError ? (
        <ErrorAlert error={summary.error} />
      ) : summary.data ? (
        <Suspense fallback={<Spinner label="Drawing charts…" />}>
          <ShortfallCharts summary={summary.data} />
        </Suspense>
      ) : null}
      {created && <CreatedPurchaseOrders created={created} onClose={() => setCreated(undefined)} />}
      {proposal && (
        <PurchaseOrderPreview
          preview={proposal}
          onCancel={() => setProposal(undefined)}
          onDone={(pos) => {
            setProposal(undefined);
            setSelected(new Set());
            setCreated(pos);
          }}
        />
      )}
      <div className="selection-bar" role="region" aria-label="Selection">
        <span>{selectedRows.length === 0 ? "Select rows to raise purchase orders for them." : `${selectedRows.length} selected`}</span>
        <Button variant="primary" disabled={selectedRows.length === 0} busy={preview.isPending} onClick={proposeOrders}>
          Create purchase orders
        </Button>
        {selectedRows.length > 0 && (
          <Button variant="ghost" onClick={() => setSelected(new Set())}>
            Clear selection
          </Button>
        )}
      </div>
      <ErrorAlert error={preview.error} />
      {report.isPending ? (
        <Spinner />
      ) : report.isError ? (
        <ErrorAlert error={report.error} />
      ) : rows.length === 0 ? (
        <EmptyState title="Nothing is short">
          <p>No open order waits for stock{filters.warehouseId || filters.supplierId || filters.channelId || filters.reorder || filters.onlyNetNeed || filters.preorderOnly ? " with these filters" : ""}.</p>
        </EmptyState>
      ) : (
        <>
          <BackorderTable
            rows={rows}
            sort={sort}
            onSort={(s) => update({ sort: s })}
            selected={selected}
            onToggle={toggle}
            onToggleAll={(all) => setSelected(all ? new Set(rows.map(rowKey)) : new Set())}
          />
          <LoadMore count={rows.length} hasNextPage={report.hasNextPage} isFetchingNextPage={report.isFetchingNextPage} fetchNextPage={report.fetchNextPage} />
        </>
      )}
    </div>
  );
}
