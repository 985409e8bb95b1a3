/**
 * A TCP proxy that hands each new connection to the next of several ports in turn, standing in
 * for a load balancer in front of several web processes (the PostgreSQL e2e run of `npm test`).
 * Run: `tsx tests/support/round-robin-proxy.ts <listen port> <port> <port> …` (backends on 127.0.0.1;
 * it listens on every address, as the single e2e server does, since `localhost` may be ::1).
 * A separate process, because run-all waits synchronously while Playwright runs.
 */
import net from "node:net";

const [listen, ...targets] = process.argv.slice(2).map(Number);
if (!listen || targets.length === 0) throw new Error("用法：round-robin-proxy.ts <监听端口> <后端端口>…");
let next = 0;

net
  .createServer((client) => {
    const upstream = net.connect(targets[next++ % targets.length], "127.0.0.1");
    client.pipe(upstream).pipe(client);
    // One side failing or closing ends the pair; a reset is the browser's or the server's business.
    client.on("error", () => upstream.destroy());
    upstream.on("error", () => client.destroy());
  })
  .listen(listen, () => console.log(`round-robin proxy :${listen} → ${targets.join(", ")}`));
