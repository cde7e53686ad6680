import { useId } from "react";
import { useNavigate, useLocation } from "react-router";
import { useSwitchTenant } from "../features/auth/api/auth-api.ts";
import { useSession } from "../lib/session.ts";
import { useToast } from "../components/ui/toast.tsx";
import { errorMessage } from "../lib/api.ts";

export function TenantSwitcher() {
  const me = useSession();
  const switchTenant = useSwitchTenant();
  const navigate = useNavigate();
  const location = useLocation();
  const toast = useToast();
  const id = useId();
  if (me.memberships.length <= 1) {
    return (
      <div className="tenant-name" title="Company">
        {me.tenant.name}
      </div>
    );
  }
  return (
    <div className="tenant-switcher">
      <label htmlFor={id} className="visually-hidden">
        Company
      </label>
      <select
        id={id}
        value={me.tenant.id}
        disabled={switchTenant.isPending}
        onChange={(e) =>
          switchTenant.mutate(e.target.value, {
            onSuccess: (next) => {
              // Ids in the current URL belong to the previous company: go to the area's list.
              const area = location.pathname.split("/")[1] ?? "";
              navigate(`/${area}`, { replace: true });
              toast(`Now working in ${next.tenant.name}`, "info");
            },
            onError: (err) => toast(errorMessage(err), "error"),
          })
        }
      >
        {me.memberships.map((m) => (
          <option key={m.tenantId} value={m.tenantId}>
            {m.tenantName} ({m.role})
          </option>
        ))}
      </select>
    </div>
  );
}
