import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";

/** A dense data table with an accessible name (tests and screen readers find it by that name). */
export function Table({ label, head, children }: { label: string; head: ReactNode; children: ReactNode }) {
  return (
    <ScrollBox label={label}>
      <table aria-label={label}>
        <thead>{head}</thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollBox>
  );
}

/**
 * The box a wide table scrolls in, so the page itself never scrolls sideways. While its content
 * is wider than it, the box takes keyboard focus (arrow keys scroll it) and is announced as a
 * region named after the table. On paper it is transparent (print.css).
 */
export function ScrollBox({ label, className = "table-wrap", children }: { label: string; className?: string; children: ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const scrolls = useScrollsSideways(box);
  return (
    <div ref={box} className={className} {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {})}>
      {children}
    </div>
  );
}

/** Whether the element's content is wider than the element (kept current as either resizes). */
export function useScrollsSideways(ref: RefObject<HTMLElement | null>) {
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    const measure = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(el);
    if (el.firstElementChild) observer.observe(el.firstElementChild);
    return () => observer.disconnect();
  }, [ref]);
  return scrolls;
}
