import { createServer, type AddressInfo } from 'node:net';

/** A TCP port on 127.0.0.1 that is free now (the OS picks it), for the servers the test scripts start. */
export function freePort(): Promise<number> {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.once('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as AddressInfo;
      srv.close(() => res(port));
    });
  });
}
