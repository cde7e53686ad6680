// Journeys: an admin connects a Shopify channel (URL, token, webhook secret, rotation) and follows
// a shipment's message to the store on Integrations, attempt by attempt; a manager reads the same
// screen without Retry/Discard; staff cannot open it. And a policy change on Settings shows its
// recompute job's progress until the job says it is done.
import crypto from "node:crypto";
import { expect, test, type Page } from "@playwright/test";
import { signInInBrowser } from "../fixtures/accounts.ts";
import { daysFromNow } from "../fixtures/orders.ts";
import { createIntegrationsCompany, type OutboxMessage } from "../fixtures/integrations.ts";
import { BASE_URL } from "../support/env.ts";

/** Nothing listens on port 9 of this machine: the store cannot be reached. */
const UNREACHABLE_STORE = "http://127.0.0.1:9";

/** What the screen must say for a message, from the API's own record of it. */
function expectedLabel(m: OutboxMessage): RegExp {
  if (m.status === "failed") return /^Gave up/;
  if (m.status === "delivered") return /^Sent ✓/;
  if (m.status === "pending") return m.attempts > 0 || m.lastError ? /^Failed, retrying (at|now)/ : /^Waiting/;
  return m.status === "skipped" ? /^Nothing to send/ : /^Discarded/;
}

async function newSignedInPage(page: Page, account: { email: string; password: string }) {
  const context = await page.context().browser()!.newContext();
  const other = await context.newPage();
  await signInInBrowser(other, account);
  return other;
}

test("an admin connects a Shopify channel and follows a shipment's message to the store; a manager reads it; staff cannot", async ({ page, request }) => {
  const co = await createIntegrationsCompany(request, "Harbor Goods");
  const token = `shpat_${crypto.randomBytes(12).toString("hex")}`;
  const channelName = `Harbor Shopify ${crypto.randomBytes(2).toString("hex")}`;

  await signInInBrowser(page, co.admin);
  await page.getByRole("link", { name: "Channels" }).click();
  await page.getByRole("button", { name: "New channel" }).click();
  await page.getByLabel("Name").fill(channelName);
  await expect(page.getByLabel("Kind")).toHaveValue("shopify");
  await expect(page.getByLabel("Supports order edits")).toBeChecked(); // stores with an API default to edits in the store
  await page.getByRole("button", { name: "Save channel" }).click();
  await expect(page.getByRole("heading", { name: channelName })).toBeVisible();
  const channelId = new URL(page.url()).pathname.split("/").pop()!;

  // Connect: store URL and access token (write-only).
  const section = page.getByRole("region", { name: /Store connection/ });
  await expect(section.getByText("Not connected")).toBeVisible();
  await section.getByLabel("Store URL").fill(UNREACHABLE_STORE);
  await section.getByLabel("Admin API access token").fill(token);
  await section.getByRole("button", { name: "Save connection" }).click();
  await expect(page.getByText("Store connection saved")).toBeVisible();
  await expect(section.getByText("Connected", { exact: true })).toBeVisible();
  await expect(section.locator(".secret-state").getByText("set", { exact: true })).toBeVisible();
  await expect(section.getByRole("button", { name: "Replace" })).toBeVisible();
  await expect(section.getByLabel("Admin API access token")).toHaveCount(0); // no field holding the value any more
  await expect(page.locator("body")).not.toContainText(token);
  expect(JSON.stringify(await co.get(`/channels/${channelId}`))).not.toContain(token);

  // The webhook address to paste into Shopify, and the topics to subscribe to.
  const webhookUrl = `${BASE_URL}/api/v1/webhooks/shopify/${channelId}`;
  await expect(section.getByText(webhookUrl, { exact: true })).toBeVisible();
  await expect(section.getByRole("button", { name: "Copy URL" })).toBeVisible();
  const topics = section.getByRole("list", { name: "Topics to subscribe to" });
  for (const t of ["orders/create", "orders/updated", "orders/cancelled", "app/uninstalled"]) await expect(topics.getByText(t, { exact: true })).toBeVisible();

  // The first webhook secret, then a rotation: both are accepted during the overlap.
  await section.getByLabel("Webhook secret", { exact: true }).fill(`first-${crypto.randomBytes(8).toString("hex")}`);
  await section.getByRole("button", { name: "Save secret" }).click();
  const secrets = section.getByRole("list", { name: "Webhook secrets" }).getByRole("listitem");
  await expect(secrets).toHaveCount(1);
  await expect(secrets.first()).toContainText("Current");
  await section.getByLabel("New webhook secret").fill(`second-${crypto.randomBytes(8).toString("hex")}`);
  await section.getByLabel("Overlap (hours)").fill("24");
  await section.getByRole("button", { name: "Rotate secret" }).click();
  await expect(secrets).toHaveCount(2);
  await expect(secrets.filter({ hasText: "Current" })).toContainText("valid until rotated");
  const previous = secrets.filter({ hasText: "Previous" });
  await expect(previous).toContainText("valid until");
  await expect(previous).not.toContainText("rotated"); // a date, not "until rotated"
  const api = await co.get<{ connection: { webhookSecrets: { expiresAt: string | null }[] } }>(`/channels/${channelId}`);
  expect(api.connection.webhookSecrets.map((s) => s.expiresAt === null)).toEqual([true, false]);

  // An order from the store ships: the shipment goes to the store's outbox; the store is unreachable.
  const order = await co.createStoreOrder(channelId, "Ines Integration");
  await co.shipOrder(order.id);
  const message = await co.firstSettledAttempt(order.id);
  const attempt = message.deliveries.at(-1)!;

  await page.getByRole("link", { name: "Integrations" }).click();
  await expect(page.getByRole("heading", { name: "Integrations", level: 1 })).toBeVisible();
  await expect(page.getByRole("list", { name: "Channels" }).getByRole("article", { name: channelName })).toBeVisible();
  await page.getByLabel("Channel", { exact: true }).selectOption({ label: channelName });
  const outbox = page.getByRole("table", { name: "Messages to stores" });
  const row = outbox.locator("tbody tr").filter({ has: page.getByRole("link", { name: order.number }) });
  await expect(row).toHaveCount(1);
  await expect(row.locator(".badge")).toHaveText(expectedLabel(message));
  await expect(row.getByRole("link", { name: order.number })).toHaveAttribute("href", `/orders/${order.id}`);

  // Its detail: the payload and every attempt, with what the API recorded.
  await row.getByRole("button", { name: "Shipment" }).click();
  const panel = page.getByRole("region", { name: `Shipment · ${order.number}` });
  await expect(panel.getByLabel("Payload")).toContainText(order.id);
  const attempts = panel.getByRole("list", { name: "Delivery attempts" });
  await expect(attempts.getByRole("listitem")).toHaveCount(message.deliveries.length);
  const last = attempts.getByRole("listitem").first(); // newest first
  await expect(last).toContainText(`Attempt ${attempt.attempt}`);
  const outcomeLabels: Record<string, string> = { sent: "Sent ✓", already_applied: "Already in the store", failed: "Failed", throttled: "Throttled", unknown: "Unknown" };
  await expect(last.locator(".badge")).toContainText(outcomeLabels[attempt.outcome!]!);
  if (attempt.error) await expect(last).toContainText(attempt.error);
  await expect(last).toContainText(attempt.httpStatus === null ? "no HTTP answer" : `HTTP ${attempt.httpStatus}`);
  await last.getByText("Request and response").click();
  await expect(last.getByText(attempt.request === null ? "No request reached the store." : "Request", { exact: true }).first()).toBeVisible();
  if (message.status === "failed" || message.status === "pending") {
    await expect(panel.getByRole("button", { name: "Retry now" })).toBeVisible();
    await expect(panel.getByRole("button", { name: "Discard" })).toBeVisible();
  }

  // The order says the same about its message.
  await row.getByRole("link", { name: order.number }).click();
  const messages = page.getByRole("region", { name: /Messages to the store/ });
  await expect(messages.getByRole("list", { name: /Messages to the store/ }).getByRole("listitem")).toHaveCount(1);
  await expect(messages.locator(".badge").first()).toHaveText(message.status === "failed" ? "Gave up — retry from Integrations" : expectedLabel(message));

  // A manager reads the screen and the attempts, with no way to retry or discard.
  const manager = await co.createUser("manager", "Max Manager");
  const managerPage = await newSignedInPage(page, manager);
  // Users and Settings are the admin's alone: not in a manager's navigation.
  const managerNav = managerPage.getByRole("navigation", { name: "Main" });
  await expect(managerNav.getByRole("link", { name: "Channels" })).toBeVisible();
  await expect(managerNav.getByRole("link", { name: "Users" })).toHaveCount(0);
  await expect(managerNav.getByRole("link", { name: "Settings" })).toHaveCount(0);
  await managerPage.getByRole("link", { name: "Integrations" }).click();
  const managerRow = managerPage.getByRole("table", { name: "Messages to stores" }).locator("tbody tr").filter({ hasText: order.number });
  await expect(managerRow.locator(".badge")).toHaveText(expectedLabel(message));
  await managerRow.getByRole("button", { name: "Shipment" }).click();
  const managerPanel = managerPage.getByRole("region", { name: `Shipment · ${order.number}` });
  await expect(managerPanel.getByRole("list", { name: "Delivery attempts" }).getByRole("listitem")).toHaveCount(message.deliveries.length);
  await expect(managerPanel.getByRole("button", { name: "Retry now" })).toHaveCount(0);
  await expect(managerPanel.getByRole("button", { name: "Discard" })).toHaveCount(0);
  await managerPage.context().close();

  // Staff: no Integrations in the navigation, and the address says which role it needs.
  const staff = await co.createUser("staff", "Sam Staff");
  const staffPage = await newSignedInPage(page, staff);
  await expect(staffPage.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Integrations" })).toHaveCount(0);
  await staffPage.goto("/integrations");
  await expect(staffPage.getByText("This page needs a role you do not have.")).toBeVisible();
  await expect(staffPage.getByRole("table", { name: "Messages to stores" })).toHaveCount(0);
  await staffPage.goto("/settings");
  await expect(staffPage.getByText("This page needs a role you do not have.")).toBeVisible();
  await staffPage.context().close();
});

test("changing the allocation policy shows the recompute job's progress until it is done", async ({ page, request }) => {
  const co = await createIntegrationsCompany(request, "Policy Goods");
  for (const name of ["Ada First", "Ben Second", "Cy Third"]) await co.post("/orders", { channelId: co.channel.id, customerName: name, orderDate: daysFromNow(-1), lines: [{ productId: co.product.id, quantity: 4, unitPriceCents: 900 }] });

  await signInInBrowser(page, co.admin);
  await page.getByRole("link", { name: "Settings" }).click();
  await page.getByLabel("Complete orders first").check();
  await page.getByRole("button", { name: "Save settings" }).click();

  const job = page.getByRole("region", { name: /Recomputing open orders/ });
  await expect(job).toBeVisible();
  await expect(job.getByRole("progressbar", { name: "Recomputing open orders" })).toBeVisible();
  await expect(job.getByText("Done", { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect(job.getByText(/^Step 3 of 3 · Recomputed: \d+ order\(s\) changed fulfillability/)).toBeVisible();
  await expect(job.getByRole("progressbar")).toHaveAttribute("aria-valuenow", "3");
  await expect(job).toContainText("Orders changed");
  const settings = await co.get<{ allocationPolicy: string }>("/settings");
  expect(settings.allocationPolicy).toBe("complete_orders_first");
});
