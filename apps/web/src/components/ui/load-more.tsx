import { Button } from "./button.tsx";

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, count }: { hasNextPage: boolean; isFetchingNextPage: boolean; fetchNextPage: () => unknown; count: number }) {
  return (
    <div className="load-more">
      <span className="muted small">{count} shown</span>
      {hasNextPage && (
        <Button onClick={() => fetchNextPage()} busy={isFetchingNextPage}>
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </Button>
      )}
    </div>
  );
}
