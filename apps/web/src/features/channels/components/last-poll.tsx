// When the store was last asked for its changed orders, and why that poll failed if it did.
import { DateTime } from "../../../components/ui/date-time.tsx";

export function LastPoll({ at, error }: { at: string | null; error: string | null }) {
  return (
    <>
      <DateTime value={at} fallback="never" />
      {error && (
        <>
          {" — "}
          <span className="error-text">failed: {error}</span>
        </>
      )}
    </>
  );
}
