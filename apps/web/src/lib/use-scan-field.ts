// The one scan-field behaviour (scan-to-ship, pick, staging, receiving): the field owns its text,
// so no keystroke waits on a URL or a query; Enter hands the code to `onScan` and clears the field
// at once, focus stays; scans made while a lookup is pending queue up and run in order, one per
// render, so each handler sees the state the previous scan left. A field that goes away (the
// lookup opened the next screen) hands its unhandled scans and text to the next one, which takes
// them — and whatever was typed on the page before it existed — when it mounts with `takeEarly`.
import { useCallback, useEffect, useLayoutEffect, useRef, useState, type KeyboardEvent, type RefObject } from "react";
import { giveBackEarlyKeys, splitScans, takeEarlyKeys } from "./early-keys.ts";

/** Returning (or resolving to) "leave" says the scan opened another screen: the field handles no more scans, and hands what is queued to the next screen's field. */
export type ScanResult = void | "leave";
export type ScanHandler = (code: string) => ScanResult | Promise<ScanResult>;

export function useScanField(onScan: ScanHandler, { takeEarly, inputRef }: { takeEarly: boolean; inputRef: RefObject<HTMLInputElement | null> }) {
  const [value, setValueState] = useState("");
  const [tick, setTick] = useState(0);
  const valueRef = useRef("");
  const queue = useRef<string[]>([]);
  const busy = useRef(false);
  const mounted = useRef(false);
  const handler = useRef(onScan);
  handler.current = onScan;

  const setValue = useCallback((v: string) => {
    valueRef.current = v;
    setValueState(v);
  }, []);

  // Mount: take what was typed before the field existed — in the commit itself, so no keystroke
  // can land between the field appearing and it taking the buffer; unmount: give back what is left.
  useLayoutEffect(() => {
    mounted.current = true;
    if (takeEarly) {
      const { scans, rest } = splitScans(takeEarlyKeys());
      queue.current = scans;
      if (rest) setValue(rest + valueRef.current);
      if (scans.length) setTick((t) => t + 1);
      inputRef.current?.focus();
    }
    return () => {
      mounted.current = false;
      const left = [...queue.current, valueRef.current].join("\n");
      queue.current = [];
      if (takeEarly) {
        giveBackEarlyKeys(left.trim() ? left : "");
        valueRef.current = ""; // given back: a remount (StrictMode's rehearsal) takes it again
      }
    };
  }, [takeEarly, inputRef, setValue]);

  // One scan per render: after the previous one's state is on screen, never two on the same closure.
  useEffect(() => {
    if (!mounted.current || busy.current || queue.current.length === 0) return;
    const code = queue.current.shift()!;
    let result: ScanResult | Promise<ScanResult> = undefined;
    try {
      result = handler.current(code);
    } catch (err) {
      console.error(err);
    }
    const next = () => {
      if (document.activeElement === document.body || document.activeElement === null) inputRef.current?.focus();
      setTick((t) => t + 1);
    };
    const settle = (r: ScanResult) => {
      if (r === "leave") return; // stays busy until it unmounts, then gives the queue back
      busy.current = false;
      next();
    };
    if (result instanceof Promise) {
      busy.current = true;
      result.then(settle, (err: unknown) => (console.error(err), settle(undefined)));
    } else {
      busy.current = result === "leave";
      settle(result);
    }
  }, [tick, inputRef]);

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLInputElement>) => {
      if (e.key !== "Enter") return;
      e.preventDefault();
      const code = e.currentTarget.value.trim();
      setValue("");
      if (!code) return;
      queue.current.push(code);
      setTick((t) => t + 1);
    },
    [setValue],
  );

  return { value, setValue, onKeyDown };
}
