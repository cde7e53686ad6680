import "./extras.css";
import { useRef, type RefObject } from "react";
import { FormField } from "./form-field.tsx";
import { useScanField, type ScanHandler } from "../../lib/use-scan-field.ts";

/**
 * A field for a keyboard-wedge scanner (fast typing, then Enter) — and for a person typing a
 * code. Every scan screen uses it, so they behave alike: Enter hands the code to `onScan`, the
 * field empties and keeps focus whether the scan was good or bad, scans typed during a pending
 * lookup (a handler returning a promise) run after it in order, none is lost or merged. The
 * screen's main field has `autoFocus`: focused as soon as it exists, it also takes the keys typed
 * before it existed (see lib/early-keys.ts).
 */
export function ScanInput({
  label,
  onScan,
  inputRef,
  autoFocus,
  hint,
  error,
}: {
  label: string;
  onScan: ScanHandler;
  inputRef?: RefObject<HTMLInputElement | null>;
  autoFocus?: boolean;
  hint?: string;
  error?: string;
}) {
  const ownRef = useRef<HTMLInputElement>(null);
  const ref = inputRef ?? ownRef;
  const field = useScanField(onScan, { takeEarly: !!autoFocus, inputRef: ref });
  return (
    <FormField label={label} hint={hint} error={error}>
      <input
        ref={ref}
        className="mono scan-input"
        value={field.value}
        autoComplete="off"
        autoCapitalize="off"
        autoCorrect="off"
        spellCheck={false}
        enterKeyHint="enter"
        autoFocus={autoFocus}
        onChange={(e) => field.setValue(e.target.value)}
        onKeyDown={field.onKeyDown}
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
