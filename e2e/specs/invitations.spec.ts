// Journey: an admin invites a new person and an existing user; the new person opens the link and
// chooses a name and password; the existing user signs in, finds the invitation beside the
// company switcher and accepts it; the admin sees the open invitation go and revokes another.
import { expect, test } from "@playwright/test";
import { PASSWORD, signInInBrowser, signUpInBrowser, uniqueEmail } from "../fixtures/accounts.ts";

test("an admin invites by link; a new person accepts with a name and password, an existing user accepts after signing in", async ({ page, browser }) => {
  await signUpInBrowser(page, "Invite Goods");
  await page.getByRole("link", { name: "Users" }).click();

  // A new person.
  const newcomer = uniqueEmail("newcomer");
  await page.getByRole("button", { name: "Invite user" }).click();
  await page.getByLabel("Email").fill(newcomer);
  await page.getByLabel("Role").selectOption("manager");
  await page.getByRole("button", { name: "Create invitation" }).click();
  const created = page.getByRole("region", { name: "New invitation" });
  await expect(created).toContainText(`Invitation for ${newcomer} as manager`);
  await expect(created).toContainText("does not send e-mail yet");
  const link = await created.getByLabel("Invitation link").inputValue();
  expect(link).toMatch(/\/accept-invitation#token=bodinv_/);
  await created.getByRole("button", { name: "Done" }).click();
  const open = page.getByRole("table", { name: "Open invitations" });
  await expect(open.getByRole("row").filter({ hasText: newcomer })).toContainText("manager");

  const newContext = await browser.newContext();
  const newPage = await newContext.newPage();
  await newPage.goto(link);
  await expect(newPage.getByRole("heading", { name: "Join Invite Goods" })).toBeVisible();
  await expect(newPage.getByText(`You are invited as manager with ${newcomer}`)).toBeVisible();
  await newPage.getByLabel("Your name").fill("Nora Newcomer");
  await newPage.getByLabel("Password").fill("password1234");
  await newPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(newPage.getByText("too close to a commonly used password")).toBeVisible();
  await newPage.getByLabel("Password").fill(PASSWORD);
  await newPage.getByRole("button", { name: "Accept invitation" }).click();
  await expect(newPage.getByRole("button", { name: "Sign out" })).toBeVisible();
  await expect(newPage.getByText("Nora Newcomer · manager")).toBeVisible();
  await expect(newPage.getByTitle("Company")).toHaveText("Invite Goods");
  // The link worked once.
  const again = await newContext.newPage();
  await again.goto(link);
  await expect(again.getByText("not valid any more")).toBeVisible();
  await newContext.close();

  // An existing user of another company.
  const otherContext = await browser.newContext();
  const otherPage = await otherContext.newPage();
  const existing = await signUpInBrowser(otherPage, "Elsewhere Ltd");
  await page.reload();
  await page.getByRole("button", { name: "Invite user" }).click();
  await page.getByLabel("Email").fill(existing.email);
  await page.getByLabel("Role").selectOption("staff");
  await page.getByRole("button", { name: "Create invitation" }).click();
  await expect(page.getByRole("region", { name: "New invitation" })).toContainText(`Invitation for ${existing.email} as staff`);
  await page.getByRole("button", { name: "Done" }).click();
  // Nobody was added by inviting.
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row")).toHaveCount(3); // header, the admin, Nora

  await otherPage.reload();
  await otherPage.getByRole("button", { name: "1 invitation" }).click();
  const panel = otherPage.getByRole("region", { name: "Your invitations" });
  await expect(panel).toContainText("Join Invite Goods as staff");
  await panel.getByRole("button", { name: "Accept the invitation to Invite Goods" }).click();
  await expect(otherPage.getByText("You joined Invite Goods")).toBeVisible();
  await expect(otherPage.getByRole("combobox", { name: "Company" })).toHaveValue(/.+/);
  await expect(otherPage.getByRole("combobox", { name: "Company" }).locator("option:checked")).toHaveText("Invite Goods (staff)");
  await expect(otherPage.getByRole("button", { name: /invitation/ })).toHaveCount(0);
  await otherContext.close();

  // The admin's list: both accepted invitations are gone; another one is revoked.
  await page.reload();
  await expect(page.getByRole("table", { name: "Members" }).getByRole("row")).toHaveCount(4);
  const revokeMe = uniqueEmail("revoked");
  await page.getByRole("button", { name: "Invite user" }).click();
  await page.getByLabel("Email").fill(revokeMe);
  await page.getByRole("button", { name: "Create invitation" }).click();
  const revokedLink = await page.getByRole("region", { name: "New invitation" }).getByLabel("Invitation link").inputValue();
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByRole("table", { name: "Open invitations" }).getByRole("row")).toHaveCount(2);
  await page.getByRole("button", { name: `Revoke the invitation for ${revokeMe}` }).click();
  await page.getByRole("dialog").getByRole("button", { name: "Revoke" }).click();
  await expect(page.getByText(`Invitation for ${revokeMe} revoked`)).toBeVisible();
  await expect(page.getByRole("table", { name: "Open invitations" })).toHaveCount(0);
  const lateContext = await browser.newContext();
  const late = await lateContext.newPage();
  await late.goto(revokedLink);
  await expect(late.getByText("not valid any more")).toBeVisible();
  await lateContext.close();

  // Signing in again works for the new person with the password they chose.
  const check = await browser.newContext();
  const checkPage = await check.newPage();
  await signInInBrowser(checkPage, { email: newcomer, password: PASSWORD });
  await check.close();
});
