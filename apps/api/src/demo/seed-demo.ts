export const DEMO_LOGINS = { password: "demo-password", users: [] as { role: string; email: string }[] };
export async function seedDemoIfEmpty() { return false; }
