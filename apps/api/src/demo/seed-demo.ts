// Demo data on first run: the "Demo Outfitters" company with four users (one per role), two
// warehouses, 300 products, 8 suppliers, 3 channels, stock through the ledger and 2,000
// orders, generated from a fixed seed (generate.ts), a few of them staged in containers
// (stage-demo.ts), and 30 days of shortfall snapshots for the dashboard's trend (made up before
// today: shortfall-history.ts). The password is shown at start-up.
import { db } from "../db/client.ts";
import { DEMO_ROLES, generateTenant } from "./generate.ts";
import { stageDemoOrders } from "./stage-demo.ts";
import { writeDemoShortfallHistory } from "./shortfall-history.ts";

export const DEMO_TENANT_NAME = "Demo Outfitters";
export const DEMO_EMAIL_DOMAIN = "demo.backorder.test";

export const DEMO_LOGINS = {
  password: "demo-password",
  users: DEMO_ROLES.map((role) => ({ role, email: `${role}@${DEMO_EMAIL_DOMAIN}` })),
};

/**
 * Seeds the demo company when the database holds no company and no user yet (first run);
 * returns true if it did. Users are not behind row-level security, so counting them works
 * whichever role the pool connects as; tenants are counted too where the role can see them.
 */
export async function seedDemoIfEmpty(options: { log?: (line: string) => void } = {}): Promise<boolean> {
  const rows = await db().$queryRaw<{ users: bigint; tenants: bigint }[]>`
    SELECT (SELECT count(*) FROM users) AS users, (SELECT count(*) FROM tenants) AS tenants`;
  if (Number(rows[0]!.users) > 0 || Number(rows[0]!.tenants) > 0) return false;
  const tenant = await generateTenant({
    tenantName: DEMO_TENANT_NAME,
    slug: "demo-outfitters",
    emailDomain: DEMO_EMAIL_DOMAIN,
    password: DEMO_LOGINS.password,
    log: options.log,
  });
  const manager = tenant.users.find((u) => u.role === "manager")!;
  await stageDemoOrders({ tenantId: tenant.tenantId, userId: manager.id, role: "manager", requestId: "demo-seed", via: "session" });
  await writeDemoShortfallHistory(tenant.tenantId);
  return true;
}
