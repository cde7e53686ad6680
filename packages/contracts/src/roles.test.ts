import { describe, expect, it } from "vitest";
import { effectiveRole, grantableRoles, roleCovers } from "./roles.ts";

describe("role order (who covers whom)", () => {
  it("admin covers every role; manager covers staff and purchaser; staff and purchaser only themselves", () => {
    expect(grantableRoles("admin")).toEqual(["admin", "manager", "staff", "purchaser"]);
    expect(grantableRoles("manager")).toEqual(["manager", "staff", "purchaser"]);
    expect(grantableRoles("staff")).toEqual(["staff"]);
    expect(grantableRoles("purchaser")).toEqual(["purchaser"]);
    expect(roleCovers("manager", "admin")).toBe(false);
  });

  it("a grant acts with the lesser of its role and its holder's current role, and with none when they are not comparable", () => {
    expect(effectiveRole("admin", "admin")).toBe("admin");
    expect(effectiveRole("admin", "manager")).toBe("manager");
    expect(effectiveRole("staff", "manager")).toBe("staff");
    expect(effectiveRole("manager", "staff")).toBe("staff");
    expect(effectiveRole("purchaser", "staff")).toBeUndefined();
    expect(effectiveRole("staff", "purchaser")).toBeUndefined();
  });
});
