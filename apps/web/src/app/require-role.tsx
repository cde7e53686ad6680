// A page only some roles may open: others get a plain "needs a role" page instead of a wall of 403s.
import type { ReactNode } from "react";
import type { TRole } from "@bod/contracts/common";
import { PageHeader } from "../components/ui/page-header.tsx";
import { Alert } from "../components/ui/alert.tsx";
import { useSession } from "../lib/session.ts";
import { hasRole, roleList } from "../lib/roles.ts";

export function RequireRole({ roles, title, children }: { roles: readonly TRole[]; title: string; children: ReactNode }) {
  const me = useSession();
  if (hasRole(me.role, roles)) return <>{children}</>;
  return (
    <div className="page">
      <PageHeader title={title} />
      <Alert tone="warning">
        <strong>This page needs a role you do not have.</strong> {title} is for the {roleList(roles)} role; you are signed in as {me.role}. An admin can change your role on Users.
      </Alert>
    </div>
  );
}
