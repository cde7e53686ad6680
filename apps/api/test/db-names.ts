// The PostgreSQL server the API tests run against.
export const SERVER_URL = process.env.TEST_DATABASE_URL ?? "postgres://postgres@127.0.0.1:5432/postgres";

export function databaseUrl(name: string, user?: string) {
  const u = new URL(SERVER_URL);
  u.pathname = `/${name}`;
  if (user) {
    u.username = user;
    u.password = "";
  }
  return u.toString();
}
