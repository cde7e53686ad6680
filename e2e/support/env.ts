// The database and port the browser tests run the app on.
const server = new URL(process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres");
export const E2E_DB = process.env.E2E_DB ?? "bod_e2e";
export const E2E_PORT = Number(process.env.E2E_PORT ?? 3199);
export const BASE_URL = `http://127.0.0.1:${E2E_PORT}`;

function withDb(name: string, user?: string) {
  const u = new URL(server);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = "";
  }
  return u.toString();
}
export const SERVER_URL = server.toString();
/** The app connects as the application role, so row-level security is in force. */
export const APP_DATABASE_URL = withDb(E2E_DB, "bod_app");
export const OWNER_DATABASE_URL = withDb(E2E_DB);
