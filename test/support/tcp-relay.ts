// A TCP relay to the test app on a port of its own, standing in for the network between a browser
// and the server: cut() drops every connection open now and refuses new ones (a stream ends, as
// when a cable is pulled); restore() listens again on the same port. stall() lets nothing through,
// in either direction, on any connection, old or new, and says nothing (a proxy or NAT that lost
// the line); resume() delivers what was held and carries on.
import net from 'node:net';

export /** A TCP relay to the app on a port of its own: cut()/restore() a loud loss, stall()/resume() a silent one. */
async function tcpRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  let stalled = false;
  const held: [net.Socket, Buffer][] = [];
  const forward = (from: net.Socket, to: net.Socket) => {
    from.on('data', (chunk: Buffer) => (stalled ? held.push([to, chunk]) : to.write(chunk)));
    from.on('end', () => to.end());
  };
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const x of [client, upstream]) {
          sockets.add(x);
          x.on('close', () => sockets.delete(x));
          x.on('error', () => x.destroy());
        }
        forward(client, upstream);
        forward(upstream, client);
      });
      s.once('error', reject);
      s.listen(port, '127.0.0.1', () => {
        port = (s.address() as net.AddressInfo).port;
        server = s;
        resolve();
      });
    });
  await listen();
  return {
    url: `http://127.0.0.1:${port}`,
    async cut() {
      const s = server;
      server = null;
      if (!s) return;
      const closed = new Promise((r) => s.close(r));
      for (const x of sockets) x.destroy();
      await closed;
    },
    restore: listen,
    stall() {
      stalled = true;
    },
    resume() {
      stalled = false;
      for (const [to, chunk] of held.splice(0)) if (!to.destroyed) to.write(chunk);
    },
  };
}
