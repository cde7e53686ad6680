import "./extras.css";
import type { Ref } from "react";
import { FormField } from "./form-field.tsx";

/**
 * A field for a keyboard-wedge scanner: the scanner types fast and presses Enter, which hands the
 * code to `onScan`. Typing a SKU and pressing Enter works the same. The text is selected on focus,
 * so the next scan replaces it.
 */
export function ScanInput({
  label,
  value,
  onChange,
  onScan,
  inputRef,
  autoFocus,
  hint,
  error,
  disabled,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  onScan: (code: string) => void;
  inputRef?: Ref<HTMLInputElement>;
  autoFocus?: boolean;
  hint?: string;
  error?: string;
  disabled?: boolean;
}) {
  return (
    <FormField label={label} hint={hint} error={error}>
      <input
        ref={inputRef}
        className="mono scan-input"
        value={value}
        autoComplete="off"
        autoCapitalize="off"
        spellCheck={false}
        autoFocus={autoFocus}
        disabled={disabled}
        onFocus={(e) => e.currentTarget.select()}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if (e.key !== "Enter") return;
          e.preventDefault();
          const code = e.currentTarget.value.trim();
          if (code) onScan(code);
        }}
      />
    </FormField>
  );
}

/** What the last scan did: a loud error (role alert) or a quiet confirmation. */
export function ScanFeedback({ error, ok }: { error?: string; ok?: string }) {
  if (error)
    return (
      <div className="alert alert-error scan-error" role="alert">
        ✖ {error}
      </div>
    );
  if (ok)
    return (
      <div className="alert alert-success" role="status">
        ✔ {ok}
      </div>
    );
  return null;
}
