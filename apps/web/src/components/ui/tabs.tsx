// Tabs that are links (the chosen tab lives in the URL), with the orders desk's look.
import "./extras.css";
import type { ReactNode } from "react";
import { Link } from "react-router";

export function LinkTabs({ label, tabs }: { label: string; tabs: { id: string; to: string; current: boolean; children: ReactNode }[] }) {
  return (
    <nav className="link-tabs" aria-label={label}>
      {tabs.map((t) => (
        <Link key={t.id} to={t.to} aria-current={t.current ? "page" : undefined} replace>
          {t.children}
        </Link>
      ))}
    </nav>
  );
}
