// Secrets at rest (store API tokens, webhook secrets): AES-256-GCM with a key from the
// environment, never stored in the database. A value reads `v1.<key id>.<iv>.<ciphertext+tag>`
// (base64url), so a value saved under the previous key can still be opened while the key is
// rotated (SECRETS_KEY_PREVIOUS): docs/operations.md.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

interface Key {
  id: string;
  bytes: Buffer;
}

let keys: Key[] = [];

/** 32 bytes, written as 64 hex digits or as base64 / base64url. */
export function parseSecretsKey(text: string, name = "SECRETS_KEY"): Buffer {
  const t = text.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(t) ? Buffer.from(t, "hex") : Buffer.from(t, "base64");
  if (bytes.length !== 32) throw new Error(`${name} must be 32 bytes, written as 64 hex digits or base64 (openssl rand -hex 32)`);
  return bytes;
}

const keyId = (bytes: Buffer) => crypto.createHash("sha256").update(bytes).digest("hex").slice(0, 8);

/** Sets the current key (and the previous one, still accepted for reading). */
export function configureSecretsKey(current: Buffer | undefined, previous?: Buffer) {
  keys = [current, previous].filter((k): k is Buffer => !!k).map((bytes) => ({ id: keyId(bytes), bytes }));
}

export const hasSecretsKey = () => keys.length > 0;

/**
 * The key for `npm start` on the embedded database: kept in a file beside its data (created on
 * first use), so a local demo needs no set-up. A server deployment sets SECRETS_KEY instead.
 */
export function localSecretsKey(dataDir: string): Buffer {
  const file = path.join(path.dirname(path.resolve(dataDir)), "secrets.key");
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, crypto.randomBytes(32).toString("hex") + "\n", { mode: 0o600 });
  }
  return parseSecretsKey(fs.readFileSync(file, "utf8"), file);
}

export class SecretsKeyMissing extends Error {
  constructor() {
    super("No SECRETS_KEY is configured, so store credentials cannot be saved or read");
  }
}

export function sealSecret(plain: string): string {
  const key = keys[0];
  if (!key) throw new SecretsKeyMissing();
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key.bytes, iv);
  const body = Buffer.concat([cipher.update(plain, "utf8"), cipher.final(), cipher.getAuthTag()]);
  return `v1.${key.id}.${iv.toString("base64url")}.${body.toString("base64url")}`;
}

export function openSecret(sealed: string): string {
  const [version, id, iv, body] = sealed.split(".");
  if (version !== "v1" || !id || !iv || !body) throw new Error("not a sealed secret");
  const key = keys.find((k) => k.id === id);
  if (!key) {
    if (!keys.length) throw new SecretsKeyMissing();
    throw new Error(`secret was sealed with key ${id}, which is neither SECRETS_KEY nor SECRETS_KEY_PREVIOUS`);
  }
  const data = Buffer.from(body, "base64url");
  const decipher = crypto.createDecipheriv("aes-256-gcm", key.bytes, Buffer.from(iv, "base64url"));
  decipher.setAuthTag(data.subarray(data.length - 16));
  return Buffer.concat([decipher.update(data.subarray(0, data.length - 16)), decipher.final()]).toString("utf8");
}

/** Re-seals under the current key (after a rotation), or returns the value unchanged when it already is. */
export function resealSecret(sealed: string): string {
  const id = sealed.split(".")[1];
  return id === keys[0]?.id ? sealed : sealSecret(openSecret(sealed));
}
