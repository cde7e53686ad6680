// The page's search box. It owns the text being typed and tells the page (usually a URL param)
// after `debounceMs`, or at once on Enter; a value coming back from the URL never overwrites what
// is being typed (echoes of what it sent are recognised), only a change made elsewhere (a link,
// Back, "clear filters") replaces it. Enter selects the text, so the next scan replaces it rather
// than appending. With `autoFocus` it is focused on mount and takes keys typed before it existed.
// (A search typed less than `debounceMs` before leaving the page is not sent: sending would
// navigate back to it.)
import { useEffect, useId, useLayoutEffect, useRef, useState } from "react";
import { splitScans, takeEarlyKeys } from "../../lib/early-keys.ts";

/** `/` anywhere focuses it (see the layout's shortcut). */
export function SearchInput({
  label,
  value,
  onChange,
  placeholder,
  autoFocus,
  debounceMs = 0,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  placeholder?: string;
  autoFocus?: boolean;
  debounceMs?: number;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement>(null);
  const [text, setText] = useState(value);
  const sent = useRef<string[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  const latest = useRef({ value, onChange });
  latest.current = { value, onChange };

  function send(v: string) {
    clearTimeout(timer.current);
    timer.current = undefined;
    if (v === latest.current.value && sent.current.length === 0) return;
    sent.current.push(v);
    latest.current.onChange(v);
  }

  function change(v: string) {
    setText(v);
    clearTimeout(timer.current);
    if (debounceMs > 0) timer.current = setTimeout(() => send(v), debounceMs);
    else send(v);
  }

  // The URL moved: an echo of something sent is acknowledged; anything else is shown.
  const seen = useRef(value);
  useEffect(() => {
    if (value === seen.current) return; // not a move (the first run, or a re-render)
    seen.current = value;
    const at = sent.current.lastIndexOf(value);
    if (at >= 0) sent.current = sent.current.slice(at + 1);
    else if (timer.current === undefined) {
      sent.current = [];
      setText(value);
    }
  }, [value]);

  // Mount only, in the commit itself: no keystroke lands between the box appearing and it taking
  // the buffer. What it took is sent once the page's own effects have run (the router ignores a
  // navigation before its layout effect), from the passive effect below.
  const taken = useRef<{ text: string; complete: boolean }>(undefined);
  useLayoutEffect(() => {
    if (autoFocus) {
      const { scans, rest } = splitScans(takeEarlyKeys());
      const typed = rest || scans.at(-1);
      if (typed) {
        setText(typed);
        taken.current = { text: typed, complete: !rest };
      }
      ref.current?.focus();
    }
    return () => clearTimeout(timer.current);
  }, []);
  // Select what was taken once the box shows it: this effect may run before the re-render that
  // puts the text in the box (a lazily loaded page mounts in another order), and writing the
  // value afterwards would move the caret to the end and undo the selection.
  const selectWhenShown = useRef<string>(undefined);
  const selectIfShown = () => {
    const el = ref.current;
    if (selectWhenShown.current === undefined || !el || el.value !== selectWhenShown.current) return;
    selectWhenShown.current = undefined;
    if (document.activeElement === el) el.select();
  };
  useEffect(() => {
    const t = taken.current;
    taken.current = undefined;
    if (!t) return;
    send(t.text);
    if (t.complete) {
      selectWhenShown.current = t.text;
      selectIfShown();
    }
  }, []);
  useLayoutEffect(selectIfShown, [text]);

  return (
    <div className="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        ref={ref}
        id={id}
        type="search"
        data-page-search=""
        value={text}
        placeholder={placeholder ?? `${label} (press /)`}
        onChange={(e) => change(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          const v = e.currentTarget.value.trim();
          if (v !== e.currentTarget.value) setText(v);
          send(v);
          e.currentTarget.select();
        }}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus={autoFocus}
      />
    </div>
  );
}
