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
