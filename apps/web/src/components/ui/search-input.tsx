import { useId } from "react";

/** The page's search box; `/` anywhere focuses it (see the layout's shortcut). */
export function SearchInput({ label, value, onChange, placeholder }: { label: string; value: string; onChange: (v: string) => void; placeholder?: string }) {
  const id = useId();
  return (
    <div className="search">
      <label htmlFor={id} className="visually-hidden">
        {label}
      </label>
      <input
        id={id}
        type="search"
        data-page-search=""
        value={value}
        placeholder={placeholder ?? `${label} (press /)`}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  );
}
