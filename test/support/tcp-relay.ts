// A TCP relay to the test app on a port of its own, standing in for the network between a browser
// and the server: cut() drops every connection open now and refuses new ones (a stream ends, as
// when a cable is pulled); restore() listens again on the same port.
import net from 'node:net';

export /** A TCP relay to the app on a port of its own: cut() drops every connection and refuses new ones; restore() listens again. */
async function tcpRelay(target: URL) {
  const sockets = new Set<net.Socket>();
  let server: net.Server | null = null;
  let port = 0;
  const listen = () =>
    new Promise<void>((resolve, reject) => {
      const s = net.createServer((client) => {
        const upstream = net.connect(Number(target.port), target.hostname);
        for (const x of [client, upstream]) {
          sockets.add(x);
          x.on('close', () => sockets.delete(x));
          x.on('error', () => x.destroy());
        }
        client.pipe(upstream).pipe(client);
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
  };
}
