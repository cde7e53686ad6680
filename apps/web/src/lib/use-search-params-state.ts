import { useCallback, useMemo } from "react";
import { useSearchParams } from "react-router";

/** One URL search param as state, so filters survive reloads and are shareable. */
export function useSearchParamState(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams();
  const value = params.get(name) ?? "";
  const set = (next: string) =>
    setParams(
      (prev) => {
        const p = new URLSearchParams(prev);
        if (next) p.set(name, next);
        else p.delete(name);
        return p;
      },
      { replace: true },
    );
  return [value, set];
}

/**
 * Several URL search params as one filter object (a view is a link), and `update` to patch them:
 * an empty value drops its param. With `keep`, every other param is cleared first, except those.
 * `keys` must be a constant list.
 */
export function useSearchParamFilters<K extends string>(keys: readonly K[]) {
  const [params, setParams] = useSearchParams();
  const filters = useMemo(() => {
    const f: Partial<Record<K, string>> = {};
    for (const k of keys) {
      const v = params.get(k);
      if (v) f[k] = v;
    }
    return f;
  }, [params, keys]);
  const update = useCallback(
    (patch: Partial<Record<K, string | undefined>>, options: { keep?: readonly K[] } = {}) =>
      setParams(
        (prev) => {
          const p = options.keep ? new URLSearchParams() : new URLSearchParams(prev);
          for (const k of options.keep ?? []) if (prev.get(k)) p.set(k, prev.get(k)!);
          for (const [k, v] of Object.entries(patch) as [K, string | undefined][]) {
            if (v) p.set(k, v);
            else p.delete(k);
          }
          return p;
        },
        { replace: true },
      ),
    [setParams],
  );
  return { filters, update, params, setParams };
}
