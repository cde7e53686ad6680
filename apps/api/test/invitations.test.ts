// Invitations (docs/decisions/011): an admin invites an email with a role; the answer is the same
// whether or not the email has an account and shows nothing another company knows; a new person
// accepts by the link, an existing user by the link with their password or from their pending
// invitations after signing in; admins list and revoke; every change is one transaction.
import pg from "pg";
import { describe, expect, it } from "vitest";
import { ApiClient, PASSWORD, invite, inviteAndAccept, signUpCompany, uniqueEmail } from "./client.ts";
import { dbRows, describeGuards, expectInvalid, tenantPair, type TenantPair } from "./guards.ts";
import { testEnv } from "./env.ts";

const invitationRow = (id: string) => dbRows("SELECT tenant_id, email, role, status, accepted_by, responded_at FROM invitations WHERE id = $1", [id]);
const membershipsOf = (email: string) =>
  dbRows("SELECT m.tenant_id, m.role FROM memberships m JOIN users u ON u.id = m.user_id WHERE u.email = $1 ORDER BY m.created_at", [email]);
const accept = (client: ApiClient, token: string, name = "New Person", password = PASSWORD) => client.post("/api/v1/auth/invitations/accept", { token, name, password });

/** An invitation's answer without what differs every time (ids, email, times, token). */
const shapeOf = (body: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(body).map(([k, v]) => [k, k === "role" || k === "status" || k === "invitedBy" ? v : typeof v]));

describe("inviting", () => {
  it("answers the same for an email with an account elsewhere and a new one, revealing nothing of the other company, and adds nobody", async () => {
    const other = await signUpCompany("Other Co");
    const otherMe = (await other.get("/api/v1/auth/me")).body;
    // The other company knows this person by a name of its choosing.
    const known = await inviteAndAccept(other, "manager", { name: "Secret Name At Other Co" });
    const admin = await signUpCompany("Inviting Co");

    const toExisting = await admin.post("/api/v1/invitations", { email: known.email.toUpperCase(), role: "staff" });
    const toNew = await admin.post("/api/v1/invitations", { email: uniqueEmail("nobody"), role: "staff" });
    expect(toExisting.status).toBe(201);
    expect(toNew.status).toBe(201);
    expect(Object.keys(toExisting.body).sort()).toEqual(Object.keys(toNew.body).sort());
    expect(shapeOf(toExisting.body)).toEqual(shapeOf(toNew.body));
    expect(toExisting.body).toMatchObject({ email: known.email, role: "staff", status: "pending", invitedBy: { userId: admin.userId, name: "Ada Admin" } });
    const text = JSON.stringify(toExisting.body);
    expect(text).not.toContain("Secret Name");
    expect(text).not.toContain(known.client.userId!);
    expect(text).not.toContain(otherMe.tenant.id);
    expect(toExisting.headers.get("cache-control")).toBe("no-store");
    // No membership until the person accepts.
    expect((await membershipsOf(known.email)).map((m) => m.tenant_id)).toEqual([other.tenantId]);
    expect((await admin.get("/api/v1/users")).body.items.map((m: { userId: string }) => m.userId)).toEqual([admin.userId]);
    // The old way in is gone.
    expect((await admin.post("/api/v1/users", { email: known.email, name: "x", role: "staff", password: PASSWORD })).status).toBe(404);
    expect((await membershipsOf(known.email)).map((m) => m.tenant_id)).toEqual([other.tenantId]);
  });

  it("stores the link's token hashed; the link shows the company and role, and works once", async () => {
    const admin = await signUpCompany("Link Co");
    const email = uniqueEmail("newbie");
    const created = await invite(admin, email, "purchaser");
    expect(created.token).toMatch(new RegExp(`^bodinv_${admin.tenantId!.replaceAll("-", "")}_[A-Za-z0-9_-]{40,}$`));
    const [row] = await dbRows("SELECT token_hash FROM invitations WHERE id = $1", [created.id]);
    expect(row!.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(row)).not.toContain(created.token.slice(-20));
    const listed = await admin.get("/api/v1/invitations");
    expect(listed.body.items).toHaveLength(1);
    expect(JSON.stringify(listed.body)).not.toContain(created.token.slice(-20));
    expect((await admin.get(`/api/v1/invitations/${created.id}`)).body.token).toBeUndefined();

    const preview = await new ApiClient().post("/api/v1/auth/invitations/preview", { token: created.token });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ companyName: "Link Co", email, role: "purchaser" });
    expect(preview.headers.get("cache-control")).toBe("no-store");

    const invitee = new ApiClient();
    const res = await accept(invitee, created.token, "Nia Newbie");
    expect(res.status).toBe(201);
    expect(res.body).toEqual({ ok: true });
    expect(res.headers.get("cache-control")).toBe("no-store");
    const me = await invitee.refresh();
    expect(me).toMatchObject({ user: { email, name: "Nia Newbie" }, tenant: { id: admin.tenantId }, role: "purchaser" });
    const [user] = await dbRows("SELECT password_hash FROM users WHERE email = $1", [email]);
    expect(String(user!.password_hash)).toMatch(/^\$argon2/);
    expect(await invitationRow(created.id)).toMatchObject([{ status: "accepted", accepted_by: me.user.id }]);
    // Signs in again with the password chosen.
    expect((await new ApiClient().post("/api/v1/auth/login", { email, password: PASSWORD })).status).toBe(200);

    // Used: the link is dead.
    const twice = await accept(new ApiClient(), created.token, "Someone", "another long passphrase 42");
    expect(twice.status).toBe(404);
    expect((await new ApiClient().post("/api/v1/auth/invitations/preview", { token: created.token })).status).toBe(404);
  });

  it("by the link, an existing account joins only with its own password; another password changes nothing and starts no session", async () => {
    const first = await signUpCompany("First Co");
    const person = await inviteAndAccept(first, "staff", { name: "Pat Person" });
    const second = await signUpCompany("Second Co");
    const { id, token } = await invite(second, person.email, "manager");

    const intruder = new ApiClient();
    const wrong = await accept(intruder, token, "Mallory", "a password of my choosing");
    expect(wrong.status).toBe(201);
    expect(wrong.body).toEqual({ ok: true });
    expect(wrong.headers.get("set-cookie")).toBeNull();
    expect((await intruder.get("/api/v1/auth/me")).status).toBe(401);
    expect(await invitationRow(id)).toMatchObject([{ status: "pending" }]);
    expect((await dbRows("SELECT name FROM users WHERE email = $1", [person.email]))[0]!.name).toBe("Pat Person");
    expect((await membershipsOf(person.email)).map((m) => m.tenant_id)).toEqual([first.tenantId]);

    const owner = new ApiClient();
    expect((await accept(owner, token, "Name Ignored", PASSWORD)).status).toBe(201);
    const me = await owner.refresh();
    expect(me).toMatchObject({ user: { email: person.email, name: "Pat Person" }, tenant: { id: second.tenantId }, role: "manager" });
    expect((await membershipsOf(person.email)).map((m) => [m.tenant_id, m.role])).toEqual([
      [first.tenantId, "staff"],
      [second.tenantId, "manager"],
    ]);
  });

  it("a signed-in user sees the invitations addressed to their email and accepts or declines them", async () => {
    const home = await signUpCompany("Home Co");
    const person = await inviteAndAccept(home, "staff");
    const north = await signUpCompany("North Co");
    const south = await signUpCompany("South Co");
    const fromNorth = await invite(north, person.email, "purchaser");
    const fromSouth = await invite(south, person.email, "manager");
    await invite(north, uniqueEmail("someone-else"), "staff");

    const mine = await person.client.get("/api/v1/auth/invitations");
    expect(mine.status).toBe(200);
    expect(mine.body.items.map((i: { id: string; tenantName: string; role: string }) => [i.id, i.tenantName, i.role])).toEqual([
      [fromNorth.id, "North Co", "purchaser"],
      [fromSouth.id, "South Co", "manager"],
    ]);

    const accepted = await person.client.post(`/api/v1/auth/invitations/${fromNorth.id}/accept`);
    expect(accepted.status).toBe(200);
    expect(accepted.body).toEqual({ tenantId: north.tenantId, tenantName: "North Co", role: "purchaser" });
    expect((await person.client.post(`/api/v1/auth/invitations/${fromSouth.id}/decline`)).status).toBe(204);
    expect(await invitationRow(fromSouth.id)).toMatchObject([{ status: "declined" }]);
    expect((await person.client.get("/api/v1/auth/invitations")).body.items).toEqual([]);
    const me = await person.client.refresh();
    expect(me.memberships.map((m: { tenantName: string; role: string }) => [m.tenantName, m.role])).toEqual([
      ["Home Co", "staff"],
      ["North Co", "purchaser"],
    ]);
    const switched = await person.client.post("/api/v1/auth/switch-tenant", { tenantId: north.tenantId });
    expect(switched.body.role).toBe("purchaser");
    // Answered: neither can be answered again.
    expect((await person.client.post(`/api/v1/auth/invitations/${fromNorth.id}/accept`)).status).toBe(404);
    expect((await person.client.post(`/api/v1/auth/invitations/${fromSouth.id}/accept`)).status).toBe(404);
    expect((await membershipsOf(person.email)).map((m) => m.tenant_id)).toEqual([home.tenantId, north.tenantId]);
  });

  it("admins list open invitations; revoking, inviting again and expiry end a link", async () => {
    const admin = await signUpCompany("Revoke Co");
    const email = uniqueEmail("twice");
    const first = await invite(admin, email, "staff");
    const second = await invite(admin, email, "manager"); // replaces the first
    expect(await invitationRow(first.id)).toMatchObject([{ status: "revoked" }]);
    expect((await new ApiClient().post("/api/v1/auth/invitations/preview", { token: first.token })).status).toBe(404);
    const open = await admin.get("/api/v1/invitations");
    expect(open.body.items.map((i: { id: string; status: string }) => [i.id, i.status])).toEqual([[second.id, "pending"]]);
    const all = await admin.get("/api/v1/invitations?status=all&limit=1");
    expect(all.body.items.map((i: { id: string }) => i.id)).toEqual([second.id]);
    expect((await admin.get(`/api/v1/invitations?status=all&limit=1&cursor=${all.body.nextCursor}`)).body.items.map((i: { id: string }) => i.id)).toEqual([first.id]);

    expect((await admin.delete(`/api/v1/invitations/${second.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/invitations/${second.id}`)).status).toBe(204);
    expect(await invitationRow(second.id)).toMatchObject([{ status: "revoked" }]);
    expect((await accept(new ApiClient(), second.token)).status).toBe(404);
    expect(await dbRows("SELECT 1 FROM users WHERE email = $1", [email])).toEqual([]);

    const third = await invite(admin, email, "staff");
    await dbRows("UPDATE invitations SET created_at = now() - interval '8 days', expires_at = now() - interval '1 day' WHERE id = $1", [third.id]);
    expect((await admin.get(`/api/v1/invitations/${third.id}`)).body.status).toBe("expired");
    expect((await accept(new ApiClient(), third.token)).status).toBe(404);

    // Accepted ones are not revoked (remove the member instead); members are not invited.
    const member = await inviteAndAccept(admin, "staff");
    const [acceptedRow] = await dbRows("SELECT id FROM invitations WHERE email = $1", [member.email]);
    expect((await admin.delete(`/api/v1/invitations/${acceptedRow!.id}`)).status).toBe(422);
    const again = await admin.post("/api/v1/invitations", { email: member.email, role: "admin" });
    expect(again.status).toBe(409);
    expect(again.body.error.details[0].path).toBe("email");
  });

  it("an invitee chooses a password by the policy; a failure while accepting leaves no user and the link still works", async () => {
    const admin = await signUpCompany("Policy Co");
    const email = uniqueEmail("policy");
    const { id, token } = await invite(admin, email, "staff");
    const weak = await accept(new ApiClient(), token, "Wes Weak", "password1234");
    expectInvalid(weak, "password");
    expect(weak.body.error.details[0].message).toMatch(/commonly used password/);
    expectInvalid(await accept(new ApiClient(), token, "Wes Weak", "too short"), "password");

    // The database stops the acceptance between the new user and the membership.
    const blocker = await testEnv.superuser.connect();
    let res;
    try {
      await blocker.query("BEGIN");
      await blocker.query("LOCK TABLE memberships IN SHARE MODE");
      const pending = accept(new ApiClient(), token, "Wes Weak");
      let pid: number | undefined;
      for (let i = 0; i < 500 && !pid; i++) {
        const { rows } = await testEnv.superuser.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock' AND query ILIKE '%memberships%'`);
        pid = rows[0]?.pid;
        if (!pid) await new Promise((r) => setTimeout(r, 20));
      }
      expect(pid).toBeDefined();
      await testEnv.superuser.query("SELECT pg_cancel_backend($1)", [pid]);
      res = await pending;
    } finally {
      await blocker.query("ROLLBACK");
      blocker.release();
    }
    expect(res.status).toBeGreaterThanOrEqual(500);
    expect(await dbRows("SELECT 1 FROM users WHERE email = $1", [email])).toEqual([]);
    expect(await invitationRow(id)).toMatchObject([{ status: "pending", accepted_by: null }]);
    const invitee = new ApiClient();
    expect((await accept(invitee, token, "Wes Weak")).status).toBe(201);
    expect((await invitee.refresh()).role).toBe("staff");
  });

  it("removing or demoting an admin revokes the invitations they sent", async () => {
    const owner = await signUpCompany("Owner Co");
    const second = await inviteAndAccept(owner, "admin");
    const third = await inviteAndAccept(owner, "admin");
    const bySecond = await invite(second.client, uniqueEmail("x"), "admin");
    const byThird = await invite(third.client, uniqueEmail("y"), "staff");
    expect((await owner.delete(`/api/v1/users/${second.client.userId}`)).status).toBe(204);
    expect((await owner.patch(`/api/v1/users/${third.client.userId}`, { role: "manager" })).status).toBe(200);
    expect(await invitationRow(bySecond.id)).toMatchObject([{ status: "revoked" }]);
    expect(await invitationRow(byThird.id)).toMatchObject([{ status: "revoked" }]);
    expect((await accept(new ApiClient(), bySecond.token)).status).toBe(404);
  });

  it("refuses bad input with the field named", async () => {
    const admin = await signUpCompany();
    expectInvalid(await admin.post("/api/v1/invitations", { email: "nope", role: "staff" }), "email");
    expectInvalid(await admin.post("/api/v1/invitations", { email: uniqueEmail(), role: "owner" }), "role");
    expect((await admin.post("/api/v1/invitations", { email: uniqueEmail(), role: "staff", password: PASSWORD })).status).toBe(400);
    expectInvalid(await admin.get("/api/v1/invitations?status=maybe"), "status");
    expectInvalid(await admin.get("/api/v1/invitations?cursor=%%%"), "cursor");
    expectInvalid(await admin.delete("/api/v1/invitations/nope"), "id");
    expectInvalid(await admin.get("/api/v1/invitations/nope"), "id");
    expectInvalid(await admin.post("/api/v1/auth/invitations/nope/decline"), "id");
    expectInvalid(await new ApiClient().post("/api/v1/auth/invitations/accept", { token: "bodinv_x", name: "Name", password: "short" }), "password");
    expectInvalid(await new ApiClient().post("/api/v1/auth/invitations/preview", {}), "token");
    expectInvalid(await new ApiClient().post("/api/v1/auth/invitations/accept", { token: "bodinv_x", name: "", password: PASSWORD }), "name");
    expectInvalid(await admin.post("/api/v1/auth/invitations/nope/accept"), "id");
    expect((await new ApiClient().post("/api/v1/auth/invitations/preview", { token: "bodinv_not_a_token" })).status).toBe(404);
  });
});

interface Fixture {
  tenants: TenantPair;
  invitationId: string;
  /** Addressed to `invitee`, who is signed in. */
  mine: { id: string; invitee: ApiClient };
}
const rowOf = (id: string) => () => dbRows("SELECT id, status, role, responded_at FROM invitations WHERE id = $1", [id]);

describeGuards<Fixture>(
  "invitations: guards",
  async () => {
    const tenants = await tenantPair();
    const { id } = await invite(tenants.owner, uniqueEmail("guarded"), "staff");
    const elsewhere = await signUpCompany("Invitee's Co");
    const inviteeEmail: string = (await elsewhere.get("/api/v1/auth/me")).body.user.email;
    const mine = await invite(tenants.owner, inviteeEmail, "purchaser");
    return { tenants, invitationId: id, mine: { id: mine.id, invitee: elsewhere } };
  },
  [
    { name: "GET /invitations", call: (c) => c.get("/api/v1/invitations"), deniedRole: "manager" },
    { name: "POST /invitations", call: (c) => c.post("/api/v1/invitations", { email: uniqueEmail(), role: "staff" }), deniedRole: "manager" },
    { name: "GET /invitations/:id", call: (c, f) => c.get(`/api/v1/invitations/${f.invitationId}`), deniedRole: "manager", outsider: true, snapshot: (f) => rowOf(f.invitationId)() },
    { name: "DELETE /invitations/:id", call: (c, f) => c.delete(`/api/v1/invitations/${f.invitationId}`), deniedRole: "staff", outsider: true, snapshot: (f) => rowOf(f.invitationId)() },
    { name: "GET /auth/invitations", call: (c) => c.get("/api/v1/auth/invitations") },
    // Another company's admin (not the invitee) cannot answer someone else's invitation.
    { name: "POST /auth/invitations/:id/accept", call: (c, f) => c.post(`/api/v1/auth/invitations/${f.mine.id}/accept`), outsider: true, snapshot: (f) => rowOf(f.mine.id)() },
    { name: "POST /auth/invitations/:id/decline", call: (c, f) => c.post(`/api/v1/auth/invitations/${f.mine.id}/decline`), outsider: true, snapshot: (f) => rowOf(f.mine.id)() },
  ],
);

describe("invitations: the invitee's own", () => {
  it("an API token cannot answer invitations, and the owner's admin cannot answer one addressed to someone else", async () => {
    const admin = await signUpCompany();
    const person = await signUpCompany("Person Co");
    const email: string = (await person.get("/api/v1/auth/me")).body.user.email;
    const { id } = await invite(admin, email, "staff");
    const token = await person.post("/api/v1/api-tokens", { name: "bot", role: "admin" });
    const bot = new ApiClient();
    bot.bearer = token.body.secret;
    expect((await bot.post(`/api/v1/auth/invitations/${id}/accept`)).status).toBe(403);
    expect((await admin.post(`/api/v1/auth/invitations/${id}/accept`)).status).toBe(404);
    expect(await invitationRow(id)).toMatchObject([{ status: "pending" }]);
  });
});

describe("invitations behind row-level security", () => {
  it("as bod_app: another company sees none; the invitee, with no company set, sees only those addressed to them, and the inviting company's name", async () => {
    const owner = await signUpCompany("Walled Co");
    const outsider = await signUpCompany("Outside Co");
    const invitee = await signUpCompany("Invitee Home");
    const inviteeMe = (await invitee.get("/api/v1/auth/me")).body;
    const mine = await invite(owner, inviteeMe.user.email, "staff");
    await invite(owner, uniqueEmail("not-theirs"), "staff");
    const app = new pg.Client({ connectionString: testEnv.appDatabaseUrl });
    await app.connect();
    const asApp = async (tenantId: string, userId: string, sql: string) => {
      await app.query("BEGIN");
      try {
        await app.query("SELECT set_config('app.tenant_id', $1, true), set_config('app.user_id', $2, true)", [tenantId, userId]);
        return (await app.query(sql)).rows;
      } finally {
        await app.query("ROLLBACK");
      }
    };
    try {
      expect(await asApp(outsider.tenantId!, outsider.userId!, "SELECT id FROM invitations")).toEqual([]);
      expect((await asApp(owner.tenantId!, owner.userId!, "SELECT id FROM invitations")).length).toBe(2);
      expect(await asApp("", inviteeMe.user.id, "SELECT id, tenant_id FROM invitations")).toEqual([{ id: mine.id, tenant_id: owner.tenantId }]);
      expect((await asApp("", inviteeMe.user.id, "SELECT name FROM tenants ORDER BY name")).map((r) => r.name)).toEqual(["Invitee Home", "Walled Co"]);
      expect(await asApp("", outsider.userId!, "SELECT id FROM invitations")).toEqual([]);
      // Seeing is not writing: without the company set, the invitee cannot change it.
      await expect(asApp("", inviteeMe.user.id, `UPDATE invitations SET role = 'admin' WHERE id = '${mine.id}' RETURNING id`)).rejects.toThrow(/row-level security/);
    } finally {
      await app.end();
    }
    expect(await invitationRow(mine.id)).toMatchObject([{ role: "staff", status: "pending" }]);
  });
});
