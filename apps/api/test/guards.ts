// Reusable checks every endpoint needs: 401 without a session, 403 for a role without the
// right, 404 for another tenant's ids with the row unchanged, 400 naming the field.
import { beforeAll, describe, expect, it } from "vitest";
import type { TRole } from "@bod/contracts/common";
import { ApiClient, addMember, signUpCompany, type ApiResponse } from "./client.ts";
import { testEnv } from "./env.ts";

/** Rows as the superuser sees them, past the API and row-level security. */
export async function dbRows(sql: string, params: unknown[] = []): Promise<Record<string, unknown>[]> {
  return (await testEnv.superuser.query(sql, params)).rows;
}

/** The row of a tenant-owned table by id (an empty array when it is gone). */
export const rowById = (table: string, id: string) => dbRows(`SELECT * FROM "${table}" WHERE id = $1`, [id]);

/** 400 invalid_input with `field` among `error.details[].path`. */
export function expectInvalid(res: ApiResponse, field: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(400);
  expect(res.body.error.code).toBe("invalid_input");
  expect((res.body.error.details ?? []).map((d: { path: string }) => d.path)).toContain(field);
}

/** The outsider (another tenant) gets 404 not_found, and `snapshot` reads the same before and after. */
export async function expectOutsider404(outsider: ApiClient, request: (c: ApiClient) => Promise<ApiResponse>, snapshot: () => Promise<unknown>) {
  const before = await snapshot();
  expect(before, "snapshot must see the row the outsider targets").not.toEqual([]);
  const res = await request(outsider);
  expect(res.status, JSON.stringify(res.body)).toBe(404);
  expect(res.body.error.code).toBe("not_found");
  expect(await snapshot()).toEqual(before);
}

export interface TenantPair {
  /** Admin of the tenant that owns the rows under test. */
  owner: ApiClient;
  /** Admin of another tenant. */
  outsider: ApiClient;
  /** A signed-in member of the owner's tenant with this role (made once, then reused). */
  member(role: TRole): Promise<ApiClient>;
}

export async function tenantPair(): Promise<TenantPair> {
  const owner = await signUpCompany("Owner Co");
  const outsider = await signUpCompany("Outsider Co");
  const members = new Map<TRole, Promise<ApiClient>>();
  return {
    owner,
    outsider,
    member(role) {
      if (!members.has(role)) members.set(role, addMember(owner, role));
      return members.get(role)!;
    },
  };
}

export interface GuardCase<F> {
  /** e.g. "PATCH /products/:id" */
  name: string;
  call: (client: ApiClient, fixture: F) => Promise<ApiResponse>;
  /** A role that must get 403 (omit when every role may call it). */
  deniedRole?: TRole;
  /** What must stay unchanged after the 403 and the outsider's 404; omit `outsider` for endpoints without an id. */
  snapshot?: (fixture: F) => Promise<unknown>;
  /** Expect the outsider (another tenant's admin) to get 404 for the owner's ids. */
  outsider?: boolean;
}

/**
 * For each endpoint: 401 without a session; 403 for `deniedRole`; 404 for an outsider with
 * the row unchanged. `setup` makes the owner's rows once for the whole table.
 */
export function describeGuards<F extends { tenants: TenantPair }>(title: string, setup: () => Promise<F>, cases: GuardCase<F>[]) {
  describe(title, () => {
    let fixture: F;
    beforeAll(async () => {
      fixture = await setup();
    });
    for (const c of cases) {
      it(`${c.name}: 401 without a session`, async () => {
        const res = await c.call(new ApiClient(), fixture);
        expect(res.status, JSON.stringify(res.body)).toBe(401);
        expect(res.body.error.code).toBe("unauthenticated");
      });
      if (c.deniedRole) {
        const role = c.deniedRole;
        it(`${c.name}: 403 for ${role}`, async () => {
          const before = c.snapshot ? await c.snapshot(fixture) : undefined;
          const res = await c.call(await fixture.tenants.member(role), fixture);
          expect(res.status, JSON.stringify(res.body)).toBe(403);
          expect(res.body.error.code).toBe("forbidden");
          if (c.snapshot) expect(await c.snapshot(fixture)).toEqual(before);
        });
      }
      if (c.outsider) {
        it(`${c.name}: 404 for another tenant, row unchanged`, async () => {
          await expectOutsider404(fixture.tenants.outsider, (client) => c.call(client, fixture), () => (c.snapshot ? c.snapshot(fixture) : Promise.resolve(["no snapshot"])));
        });
      }
    }
  });
}
