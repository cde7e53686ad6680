// Keyset-paginated lists ({ items, nextCursor }) as one infinite query with a "Load more" button.
import { useInfiniteQuery, type QueryKey } from "@tanstack/react-query";
import { api } from "./api.ts";

export type Page<T> = { items: T[]; nextCursor: string | null };

export function usePagedList<T>(key: QueryKey, path: string, params: Record<string, string | number | undefined> = {}, enabled = true) {
  const query = useInfiniteQuery({
    queryKey: [...key, params],
    queryFn: ({ pageParam, signal }) => api.get<Page<T>>(path, { ...params, cursor: pageParam ?? undefined }, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor ?? undefined,
    enabled,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  return { ...query, items };
}

/** Fetches every page (for short lists used in pickers: warehouses, suppliers). */
export async function fetchAll<T>(path: string, params: Record<string, string | undefined> = {}, signal?: AbortSignal): Promise<T[]> {
  const all: T[] = [];
  let cursor: string | undefined;
  for (let i = 0; i < 50; i++) {
    const page = await api.get<Page<T>>(path, { ...params, limit: 200, cursor }, signal);
    all.push(...page.items);
    if (!page.nextCursor) break;
    cursor = page.nextCursor;
  }
  return all;
}
