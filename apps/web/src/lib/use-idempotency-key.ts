import { useCallback, useRef } from "react";

/** One key per submitted form: reused on retry of the same values, replaced after success or when the values change. */
export function useIdempotencyKey() {
  const ref = useRef<string>(crypto.randomUUID());
  const current = useCallback(() => ref.current, []);
  const renew = useCallback(() => {
    ref.current = crypto.randomUUID();
  }, []);
  return { current, renew };
}
