import type { ReactNode } from "react";
import { ErrorAlert } from "./alert.tsx";
import { LoadMore } from "./load-more.tsx";
import { Spinner } from "./spinner.tsx";
import { Table } from "./table.tsx";

/** What usePagedList (lib/list-query.ts) returns, as far as a table needs it. */
export interface PagedRows<T> {
  isPending: boolean;
  isError: boolean;
  error: unknown;
  items: T[];
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/**
 * A keyset-paged list as a table: a spinner while the first page loads, the error if it
 * failed, `empty` when there is nothing, else the rows and "Load more".
 */
export function PagedTable<T>({ list, label, head, empty, row }: { list: PagedRows<T>; label: string; head: ReactNode; empty: ReactNode; row: (item: T) => ReactNode }) {
  if (list.isPending) return <Spinner />;
  if (list.isError) return <ErrorAlert error={list.error} />;
  if (list.items.length === 0) return <>{empty}</>;
  return (
    <>
      <Table label={label} head={head}>
        {list.items.map(row)}
      </Table>
      <LoadMore count={list.items.length} hasNextPage={list.hasNextPage} isFetchingNextPage={list.isFetchingNextPage} fetchNextPage={list.fetchNextPage} />
    </>
  );
}
