// A TCP proxy between the API and PostgreSQL on 127.0.0.1, for outage tests: it can pass
// traffic, refuse it (every connection closed, new ones reset), or freeze it (connections stay
// open and nothing moves, as a database that stopped answering does).
import net from "node:net";
import type { AddressInfo } from "node:net";

export type ProxyMode = "open" | "refuse" | "freeze";

export interface TcpProxy {
  port: number;
  set(mode: ProxyMode): void;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  let mode: ProxyMode = "open";
  const pairs = new Set<{ client: net.Socket; upstream: net.Socket }>();
  const server = net.createServer((client) => {
    if (mode === "refuse") return client.resetAndDestroy();
    const upstream = net.connect(target.port, target.host);
    const pair = { client, upstream };
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on("error", end).on("close", end);
    upstream.on("error", end).on("close", end);
    client.pipe(upstream);
    upstream.pipe(client);
    if (mode === "freeze") freeze(pair);
  });
  const freeze = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.unpipe(upstream);
    upstream.unpipe(client);
    client.pause();
    upstream.pause();
  };
  const thaw = ({ client, upstream }: { client: net.Socket; upstream: net.Socket }) => {
    client.pipe(upstream);
    upstream.pipe(client);
    client.resume();
    upstream.resume();
  };
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    port: (server.address() as AddressInfo).port,
    set(next) {
      const previous = mode;
      mode = next;
      for (const pair of pairs) {
        if (next === "refuse") {
          pair.client.destroy();
          pair.upstream.destroy();
        } else if (next === "freeze") freeze(pair);
        else if (previous === "freeze") thaw(pair);
      }
    },
    async close() {
      for (const { client, upstream } of pairs) {
        client.destroy();
        upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
