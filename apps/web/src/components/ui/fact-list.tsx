import "./extras.css";
import type { ReactNode } from "react";

/** A short labelled list of key facts (definition list), e.g. supplier, warehouse, expected date. */
export function FactList({ facts }: { facts: [label: string, value: ReactNode][] }) {
  return (
    <dl className="facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt>{label}</dt>
          <dd>{value}</dd>
        </div>
      ))}
    </dl>
  );
}
