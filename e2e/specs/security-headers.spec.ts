// The SPA and the API docs page run under a strict Content-Security-Policy (no inline script,
// no framing): both render, and the browser reports no policy violation on either.
import { expect, test, type Page } from "@playwright/test";
import { signUpInBrowser } from "../fixtures/accounts.ts";

/** Collects CSP violations the page reports, from the first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  await page.exposeFunction("reportViolation", (v: string) => violations.push(v));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => (window as any).reportViolation(`${e.violatedDirective} ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}:${e.columnNumber}`));
  });
  page.on("console", (m) => {
    if (m.type() === "error" && /Content Security Policy/i.test(m.text())) violations.push(m.text());
  });
  return violations;
}

test("the SPA works under a CSP without unsafe-inline, and refuses to be framed", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("/login");
  const csp = response!.headers()["content-security-policy"]!;
  expect(csp).toMatch(/script-src 'self'(;|$)/);
  expect(csp).not.toContain("unsafe-inline'; script");
  expect(csp).toContain("frame-ancestors 'none'");
  expect(response!.headers()["x-frame-options"]).toBe("DENY");
  await signUpInBrowser(page, "Strict Policy Co");
  await page.getByRole("link", { name: "Products" }).click();
  await expect(page.getByRole("heading", { name: "Products" })).toBeVisible();
  expect(violations).toEqual([]);
});

test("the API docs render without inline script", async ({ page }) => {
  const violations = await watchViolations(page);
  const response = await page.goto("/api/docs");
  expect(response!.headers()["content-security-policy"]).not.toContain("'unsafe-inline'; ");
  // The document is about 650 kB (request and response schemas inlined): Swagger UI takes seconds to parse it on a busy machine.
  await expect(page.locator(".swagger-ui .info .title")).toContainText("Backorder Desk API", { timeout: 30_000 });
  expect(violations).toEqual([]);
});
