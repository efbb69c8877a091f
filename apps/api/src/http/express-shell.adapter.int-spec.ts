import { AddressInfo } from 'node:net';
import type { IncomingMessage, ServerResponse, Server } from 'node:http';
import { ExpressShellAdapter } from './express-shell.adapter';

type Handler = (request: IncomingMessage & { get(name: string): string }, response: ServerResponse & { json(body: unknown): void }) => void;

/** The server the adapter makes: Express's requests and responses, made with Express's prototypes from the start. */
describe('ExpressShellAdapter', () => {
  let server: Server;
  let url: string;
  let app: { request: object; response: object; get(path: string, handler: Handler): void; post(path: string, handler: Handler): void };

  beforeAll(async () => {
    const adapter = new ExpressShellAdapter();
    adapter.initHttpServer({});
    app = adapter.getInstance();
    app.get('/probe', (request, response) =>
      response.json({
        requestMadeWithExpressPrototype: Object.getPrototypeOf(request) === app.request,
        responseMadeWithExpressPrototype: Object.getPrototypeOf(response) === app.response,
        host: request.get('host'),
      }),
    );
    server = adapter.getHttpServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers through Express (its request and response methods work) with both objects made with its prototypes', async () => {
    const response = await fetch(`${url}/probe`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({ requestMadeWithExpressPrototype: true, responseMadeWithExpressPrototype: true, host: url.slice('http://'.length) });
  });

  it('hands the request body over as a stream, every byte of it', async () => {
    app.post('/length', (request, response) => {
      let length = 0;
      request.on('data', (chunk: Buffer) => (length += chunk.length));
      request.on('end', () => response.json({ length }));
    });
    // 3 + 3 bytes: "甲" is three bytes of UTF-8.
    const response = await fetch(`${url}/length`, { method: 'POST', body: 'abc甲' });
    expect(await response.json()).toEqual({ length: 6 });
  });
});
