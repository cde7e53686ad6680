// A write-only credential field: says whether a value is set (never what it is), and lets an
// admin set, replace or clear it; the choice is saved with its form.
import { useId } from "react";
import { Badge } from "../../../components/ui/badge.tsx";
import { Button } from "../../../components/ui/button.tsx";

export type SecretChoice = { mode: "keep" } | { mode: "set"; value: string } | { mode: "clear" };

export function SecretField({ label, isSet, choice, onChange, hint, error, placeholder }: { label: string; isSet: boolean; choice: SecretChoice; onChange: (c: SecretChoice) => void; hint?: string; error?: string; placeholder?: string }) {
  const id = useId();
  const editing = choice.mode === "set" || (!isSet && choice.mode === "keep");
  const describedBy = [hint ? `${id}-hint` : "", error ? `${id}-error` : "", `${id}-state`].filter(Boolean).join(" ");
  return (
    <div className={`field secret-field${error ? " field-invalid" : ""}`}>
      <label htmlFor={editing ? id : undefined} id={`${id}-label`}>
        {label}
      </label>
      <div className="secret-state" id={`${id}-state`}>
        {choice.mode === "clear" ? (
          <Badge tone="warning">will be cleared when saved</Badge>
        ) : isSet ? (
          <Badge tone="success">set</Badge>
        ) : (
          <Badge tone="neutral">not set</Badge>
        )}
        {isSet && choice.mode === "keep" && (
          <>
            <Button variant="ghost" onClick={() => onChange({ mode: "set", value: "" })} aria-describedby={`${id}-label`}>
              Replace
            </Button>
            <Button variant="ghost" onClick={() => onChange({ mode: "clear" })} aria-describedby={`${id}-label`}>
              Clear
            </Button>
          </>
        )}
        {isSet && choice.mode !== "keep" && (
          <Button variant="ghost" onClick={() => onChange({ mode: "keep" })}>
            Keep the current one
          </Button>
        )}
      </div>
      {editing && (
        <input
          id={id}
          type="password"
          className="mono"
          autoComplete="new-password"
          spellCheck={false}
          placeholder={placeholder ?? (isSet ? "New value" : undefined)}
          value={choice.mode === "set" ? choice.value : ""}
          onChange={(e) => onChange({ mode: "set", value: e.target.value })}
          aria-invalid={error ? true : undefined}
          aria-describedby={describedBy}
          autoFocus={isSet}
        />
      )}
      {hint && (
        <div className="field-hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={`${id}-error`}>
          {error}
        </div>
      )}
    </div>
  );
}
