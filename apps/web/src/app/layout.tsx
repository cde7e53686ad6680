// The signed-in shell: top bar, the side navigation (only the areas the role may open), the page.
// On a phone or tablet the navigation folds away behind the Menu button.
import { useEffect, useState } from "react";
import { NavLink, Outlet, useLocation, useNavigate } from "react-router";
import { NAV_ITEMS } from "./nav.ts";
import { TenantSwitcher } from "./tenant-switcher.tsx";
import { PendingInvitations } from "./pending-invitations.tsx";
import { useLogout } from "../features/auth/api/auth-api.ts";
import { useSession } from "../lib/session.ts";
import { Button } from "../components/ui/button.tsx";
import { hasRole } from "../lib/roles.ts";
import { OfflineBanner } from "./offline-banner.tsx";

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName);
}

/** `/` focuses the page's search box (the element marked data-page-search). */
function useSearchShortcut() {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey || isTyping(e.target)) return;
      const box = document.querySelector<HTMLInputElement>("[data-page-search]");
      if (box) {
        e.preventDefault();
        box.focus();
        box.select();
      }
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, []);
}

/** The folding navigation's open state: closed again after navigating and on Escape. */
function useNavToggle() {
  const [isOpen, setOpen] = useState(false);
  const location = useLocation();
  useEffect(() => setOpen(false), [location.pathname, location.search]);
  useEffect(() => {
    if (!isOpen) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.key !== "Escape") return;
      setOpen(false);
      document.getElementById("nav-toggle")?.focus();
    };
    document.addEventListener("keydown", onKey);
    return () => document.removeEventListener("keydown", onKey);
  }, [isOpen]);
  return { isOpen, toggle: () => setOpen((o) => !o) };
}

export function AppLayout() {
  const me = useSession();
  const logout = useLogout();
  const navigate = useNavigate();
  useSearchShortcut();
  const nav = useNavToggle();
  const groups = ["Work", "Catalog", "Admin"] as const;
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        Skip to content
      </a>
      <header className="topbar">
        <button type="button" id="nav-toggle" className="btn btn-ghost nav-toggle" aria-expanded={nav.isOpen} aria-controls="sidenav" onClick={nav.toggle}>
          Menu
        </button>
        <NavLink to="/" className="brand">
          Backorder Desk
        </NavLink>
        <TenantSwitcher />
        <PendingInvitations />
        <div className="topbar-spacer" />
        <span className="muted small user-chip">
          {me.user.name} · {me.role}
        </span>
        <Button variant="ghost" busy={logout.isPending} onClick={() => logout.mutate(undefined, { onSettled: () => navigate("/login", { replace: true }) })}>
          Sign out
        </Button>
      </header>
      <nav id="sidenav" className={`sidenav${nav.isOpen ? " is-open" : ""}`} aria-label="Main">
        {groups.map((g) => (
          <div key={g} className="nav-group">
            <div className="nav-group-title" aria-hidden="true">
              {g}
            </div>
            <ul>
              {NAV_ITEMS.filter((i) => i.group === g && (!i.roles || hasRole(me.role, i.roles))).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} end={item.to === "/"}>{item.label}</NavLink>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </nav>
      <main className="content" id="main" tabIndex={-1}>
        <OfflineBanner />
        <Outlet />
      </main>
    </div>
  );
}
