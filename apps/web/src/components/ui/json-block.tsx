// Any JSON value (a payload, a store's request or answer) as indented, scrollable text.
export function JsonBlock({ value, label, empty = "Nothing recorded" }: { value: unknown; label: string; empty?: string }) {
  if (value === null || value === undefined) return <p className="muted small">{empty}</p>;
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <pre className="json-block" aria-label={label} tabIndex={0}>
      {text}
    </pre>
  );
}
