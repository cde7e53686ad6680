// Creates the demo company (Demo Outfitters, its users, products, orders and POs) in the database
// of DATABASE_URL when it holds no company yet, then exits: the `demo-seed` service of
// docker-compose.yml's demo profile (`node apps/api/dist/seed-demo.js`). A production deploy
// never runs it; `npm start` seeds its embedded database itself (SEED_DEMO).
import { config } from "./start-config.ts";
import { fail, openDatabase } from "./boot.ts";
import { DEMO_LOGINS, seedDemoIfEmpty } from "./demo/seed-demo.ts";

if (!config.databaseUrl) fail("seed-demo needs DATABASE_URL (npm start seeds its embedded database itself)");
const db = await openDatabase(config);
try {
  if (await seedDemoIfEmpty()) {
    console.log(`demo data created; logins (password for all: ${DEMO_LOGINS.password}):`);
    for (const l of DEMO_LOGINS.users) console.log(`  ${l.role.padEnd(9)} ${l.email}`);
  } else console.log("the database already holds a company: no demo data added");
} finally {
  await db.close();
}
