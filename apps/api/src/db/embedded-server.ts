// A PostgreSQL wire-protocol server in front of one embedded PGlite database that lets
// several connections share it safely.
//
// PGlite is one backend session. Connections take turns on it: a connection holds the
// session from its first message until PGlite answers ReadyForQuery with the session idle
// (not inside a transaction), so an extended-protocol exchange (Parse … Sync) or a whole
// transaction is never interleaved with another connection's messages. Others queue, in
// arrival order. A connection that goes away mid-transaction is rolled back.
//
// LISTEN/NOTIFY: PGlite delivers a notification in the output of whichever exchange is
// running when it fires (it is one session). This server takes NotificationResponse
// messages out of that output and sends them to the connections that ran LISTEN on the
// channel, as PostgreSQL would, so a job queue's listener is woken by another
// connection's commit.
//
// Session state other than transactions (prepared statement names, SET without LOCAL) is
// shared by all connections: clients must use unnamed statements (node-postgres and Prisma's
// pg adapter do; graphile-worker with `preparedStatements: false`).
import net from "node:net";
import type { PGlite } from "@electric-sql/pglite";

const SSL_REQUEST = 80877103;
const CANCEL_REQUEST = 80877102;
const PROTOCOL_V3 = 196608;

/** FIFO mutex over the session. */
class SessionLock {
  private holder: Connection | undefined;
  private waiting: { conn: Connection; grant: () => void }[] = [];

  acquire(conn: Connection): Promise<void> {
    if (this.holder === conn) return Promise.resolve();
    if (!this.holder) {
      this.holder = conn;
      return Promise.resolve();
    }
    return new Promise((grant) => this.waiting.push({ conn, grant }));
  }

  release(conn: Connection) {
    if (this.holder !== conn) return;
    const next = this.waiting.shift();
    this.holder = next?.conn;
    next?.grant();
  }

  /** A connection that closed while queued gives up its place. */
  forget(conn: Connection) {
    this.waiting = this.waiting.filter((w) => w.conn !== conn);
    this.release(conn);
  }

  holds(conn: Connection) {
    return this.holder === conn;
  }
}

class Connection {
  private input = Buffer.alloc(0);
  private started = false;
  private chain: Promise<void> = Promise.resolve();
  readonly listening = new Set<string>();
  closed = false;

  constructor(
    readonly socket: net.Socket,
    private readonly server: EmbeddedPgServer,
  ) {
    socket.setNoDelay(true);
    socket.on("data", (chunk) => {
      this.input = Buffer.concat([this.input, chunk]);
      this.chain = this.chain.then(() => this.drain()).catch((error) => this.fail(error));
    });
    socket.on("error", () => this.close());
    socket.on("close", () => this.close());
  }

  private async drain() {
    for (;;) {
      if (this.closed) return;
      if (!this.started) {
        if (this.input.length < 8) return;
        const length = this.input.readInt32BE(0);
        const code = this.input.readInt32BE(4);
        if (this.input.length < length) return;
        const message = this.input.subarray(0, length);
        this.input = this.input.subarray(length);
        if (code === SSL_REQUEST) {
          this.socket.write("N");
          continue;
        }
        if (code === CANCEL_REQUEST) {
          this.socket.end();
          return;
        }
        if (code !== PROTOCOL_V3) throw new Error(`unsupported protocol ${code}`);
        this.started = true;
        await this.run(message, true);
        continue;
      }
      if (this.input.length < 5) return;
      const length = 1 + this.input.readInt32BE(1);
      if (this.input.length < length) return;
      const message = this.input.subarray(0, length);
      this.input = this.input.subarray(length);
      const type = String.fromCharCode(message[0]!);
      if (type === "X") {
        await this.close();
        return;
      }
      if (type === "Q") this.noteListen(message.subarray(5, message.length - 1).toString("utf8"));
      // Sync and simple Query end an exchange: PGlite answers ReadyForQuery.
      await this.run(message, type === "S" || type === "Q");
    }
  }

  /** Runs one message while holding the session; releases it when the session is idle again. */
  private async run(message: Buffer, endsExchange: boolean) {
    const { db, lock } = this.server;
    await lock.acquire(this);
    if (this.closed) return lock.release(this);
    const out = new OutputSplitter((notification, channel) => this.server.notify(channel, notification));
    await db.execProtocolRawStream(new Uint8Array(message), { onRawData: (data) => out.push(data) });
    const bytes = out.take();
    if (bytes.length && this.socket.writable) this.socket.write(bytes);
    if (endsExchange && !db.isInTransaction()) lock.release(this);
  }

  private noteListen(sql: string) {
    for (const m of sql.matchAll(/\b(UN)?LISTEN\s+("(?:[^"]|"")+"|[A-Za-z_][\w$]*|\*)/gi)) {
      const channel = m[2]!.startsWith('"') ? m[2]!.slice(1, -1).replace(/""/g, '"') : m[2]!.toLowerCase();
      if (m[1]) {
        if (channel === "*") this.listening.clear();
        else this.listening.delete(channel);
      } else this.listening.add(channel);
    }
  }

  private async fail(_error: unknown) {
    await this.close();
  }

  async close() {
    if (this.closed) return;
    this.closed = true;
    const { db, lock } = this.server;
    if (lock.holds(this) && db.isInTransaction()) await db.exec("ROLLBACK").catch(() => {});
    lock.forget(this);
    this.server.connections.delete(this);
    this.socket.destroy();
  }
}

/**
 * Cuts PGlite's output into protocol messages and takes NotificationResponse ('A')
 * messages out, handing them to `onNotification` with their channel name.
 */
class OutputSplitter {
  private pending = Buffer.alloc(0);
  private kept: Buffer[] = [];

  constructor(private readonly onNotification: (message: Buffer, channel: string) => void) {}

  push(data: Uint8Array) {
    this.pending = Buffer.concat([this.pending, Buffer.from(data)]);
    while (this.pending.length >= 5) {
      const length = 1 + this.pending.readInt32BE(1);
      if (this.pending.length < length) break;
      const message = this.pending.subarray(0, length);
      this.pending = this.pending.subarray(length);
      if (message[0] === 0x41 /* 'A' */) {
        const end = message.indexOf(0, 9);
        this.onNotification(Buffer.from(message), message.subarray(9, end).toString("utf8"));
      } else this.kept.push(Buffer.from(message));
    }
  }

  take(): Buffer {
    const all = Buffer.concat([...this.kept, this.pending]);
    this.kept = [];
    this.pending = Buffer.alloc(0);
    return all;
  }
}

export class EmbeddedPgServer {
  readonly lock = new SessionLock();
  readonly connections = new Set<Connection>();
  private server: net.Server | undefined;

  constructor(readonly db: PGlite) {}

  notify(channel: string, message: Buffer) {
    for (const conn of this.connections) if (conn.listening.has(channel) && conn.socket.writable) conn.socket.write(message);
  }

  async listen(port: number, host = "127.0.0.1"): Promise<number> {
    await this.db.waitReady;
    this.server = net.createServer((socket) => this.connections.add(new Connection(socket, this)));
    await new Promise<void>((resolve, reject) => {
      this.server!.once("error", reject);
      this.server!.listen(port, host, () => resolve());
    });
    return (this.server.address() as net.AddressInfo).port;
  }

  async close() {
    for (const conn of [...this.connections]) await conn.close();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
