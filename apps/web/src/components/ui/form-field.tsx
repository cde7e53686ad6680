import { useId, type ReactElement, type ReactNode, cloneElement } from "react";

type ControlProps = { id?: string; "aria-invalid"?: boolean; "aria-describedby"?: string };

/** A label, one control, an optional hint and the field's error text, wired together for screen readers. */
export function FormField({ label, hint, error, children, className }: { label: string; hint?: ReactNode; error?: string; children: ReactElement<ControlProps>; className?: string }) {
  const id = useId();
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [hintId, errorId].filter(Boolean).join(" ") || undefined;
  return (
    <div className={`field${error ? " field-invalid" : ""}${className ? ` ${className}` : ""}`}>
      <label htmlFor={id}>{label}</label>
      {cloneElement(children, { id, "aria-invalid": error ? true : undefined, "aria-describedby": describedBy })}
      {hint && (
        <div className="field-hint" id={hintId}>
          {hint}
        </div>
      )}
      {error && (
        <div className="field-error" id={errorId}>
          {error}
        </div>
      )}
    </div>
  );
}

/** A checkbox with its label to the right, and an optional description. */
export function CheckboxField({ label, description, checked, onChange, name }: { label: string; description?: string; checked: boolean; onChange: (v: boolean) => void; name?: string }) {
  const id = useId();
  return (
    <div className="checkbox-field">
      <input id={id} type="checkbox" name={name} checked={checked} onChange={(e) => onChange(e.target.checked)} aria-describedby={description ? `${id}-desc` : undefined} />
      <label htmlFor={id}>{label}</label>
      {description && (
        <div className="field-hint" id={`${id}-desc`}>
          {description}
        </div>
      )}
    </div>
  );
}
