// A headline number that leads to the screen listing what it counts.
import { Link } from "react-router";

export function StatLink({ value, label, to, tone, testId }: { value: number; label: string; to: string; tone?: "good" | "warn" | "bad"; testId?: string }) {
  return (
    <Link to={to} className={`stat${tone ? ` stat-${tone}` : ""}`} data-testid={testId}>
      <span className="stat-value">{value.toLocaleString()}</span>
      <span className="stat-label">{label}</span>
    </Link>
  );
}
