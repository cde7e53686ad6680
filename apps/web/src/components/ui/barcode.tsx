import { useEffect, useRef, useState } from "react";
import JsBarcode from "jsbarcode";

/** A Code 128 barcode as SVG (prints crisply on labels and slips). */
export function Barcode({ value, label }: { value: string; label?: string }) {
  const ref = useRef<SVGSVGElement>(null);
  const [invalid, setInvalid] = useState(false);
  useEffect(() => {
    if (!ref.current) return;
    try {
      JsBarcode(ref.current, value, { format: "CODE128", height: 48, margin: 4, fontSize: 14, valid: (ok) => setInvalid(!ok) });
    } catch {
      setInvalid(true);
    }
  }, [value]);
  if (invalid) return <span className="muted">Cannot draw barcode {value}</span>;
  return <svg ref={ref} role="img" aria-label={label ?? `Scannable code ${value}`} />;
}
