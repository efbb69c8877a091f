import { NestApplicationOptions } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { IncomingMessage, ServerResponse, createServer } from 'node:http';

/** What of an Express application this needs: the prototypes it gives requests and responses. */
interface ExpressApp {
  (request: IncomingMessage, response: ServerResponse): void;
  request: object;
  response: object;
}

/**
 * Nest's Express adapter, with a server that makes every request and response with Express's prototypes from the
 * start (Node's `IncomingMessage` and `ServerResponse` options), so Express's `Object.setPrototypeOf` of each one
 * (app.handle) finds them set and does nothing. Changing an object's prototype after it is made got V8 to promote
 * each request's objects out of the young generation: a bare Express app under 200 requests/s promoted 1.47 MB/s
 * that way and 0.27 MB/s this way (`--trace-gc-nvp`, 2026-12-01), and what is promoted fills the old generation's
 * reserve until a full collection (docs/reliability.md, Soak).
 */
export class ExpressShellAdapter extends ExpressAdapter {
  override initHttpServer(options: NestApplicationOptions): void {
    // HTTPS and forced closing of connections are set up by Nest's own; this server uses neither.
    if (options.httpsOptions || options.forceCloseConnections) return super.initHttpServer(options);
    const app = this.getInstance<ExpressApp>();
    this.httpServer = createServer({ IncomingMessage: madeWith<typeof IncomingMessage>(IncomingMessage, app.request), ServerResponse: madeWith<typeof ServerResponse>(ServerResponse, app.response) }, app);
  }
}

/** A constructor making what `base` makes, with `prototype` (which must inherit from base's) as its prototype. */
function madeWith<C extends new (...args: never[]) => object>(base: C, prototype: object): C {
  function Made(...args: unknown[]): object {
    return Reflect.construct(base, args, Made);
  }
  Made.prototype = prototype;
  return Made as unknown as C;
}
