// A fresh, empty database for the browser tests; the app applies the migrations on start.
import pg from "pg";
import { E2E_DB, SERVER_URL } from "./env.ts";

const admin = new pg.Client({ connectionString: SERVER_URL });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${E2E_DB} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${E2E_DB}`);
await admin.end();
