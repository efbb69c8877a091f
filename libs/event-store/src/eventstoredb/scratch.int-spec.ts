import { EventStoreDBClient, jsonEvent, START, excludeSystemEvents, BACKWARDS, END } from '@eventstore/db-client';
import { EsdbDouble } from './testing/esdb-double';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

it('explores', async () => {
  for (const batchAppend of [true, false]) {
    const double = await EsdbDouble.start({ batchAppend });
    const client = EventStoreDBClient.connectionString(double.connectionString);
    const r1 = await client.appendToStream('s1', [jsonEvent({ type: 'A', data: { a: 1 }, metadata: { m: 1 } }), jsonEvent({ type: 'B', data: { b: 2 } })], { expectedRevision: 'no_stream' });
    console.log(batchAppend, r1, double.writes);
    const e = await client.appendToStream('s1', [jsonEvent({ type: 'A', data: {} })], { expectedRevision: 'no_stream' }).catch((x) => x);
    console.log(e.constructor.name, e.type, e.actualVersion, e.expectedVersion, e.streamName);
    const events = [];
    for await (const ev of client.readAll({ fromPosition: START })) events.push([ev.event?.streamId, ev.event?.type, ev.event?.position, ev.commitPosition]);
    console.log(events);
    const back = [];
    for await (const ev of client.readAll({ fromPosition: END, direction: BACKWARDS, maxCount: 1 })) back.push(ev.event?.type);
    console.log(back);
    const nf = await (async () => { try { for await (const _ of client.readStream('nope')) {} } catch (x) { return x; } })();
    console.log((nf as any).constructor.name, (nf as any).type);
    const sub = client.subscribeToAll({ fromPosition: START, filter: excludeSystemEvents() });
    const got: string[] = [];
    sub.on('caughtUp', () => got.push('caughtUp'));
    sub.on('data', (ev) => got.push(ev.event!.type));
    sub.on('error', (err) => got.push('error ' + (err as any).constructor.name + ' ' + (err as any).code + ' ' + err.message));
    sub.on('end', () => got.push('end'));
    sub.on('close', () => got.push('close'));
    await sleep(200);
    await double.stop();
    await sleep(300);
    const ae = await client.appendToStream('s1', [jsonEvent({ type: 'A', data: {} })]).catch((x) => x);
    console.log('append while down', ae.constructor.name, ae.type, ae.code, ae.message);
    const re = await (async () => { try { for await (const _ of client.readAll()) {} } catch (x) { return x; } })();
    console.log('read while down', (re as any)?.constructor.name, (re as any)?.code);
    await double.restart();
    const a2 = await client.appendToStream('s1', [jsonEvent({ type: 'A', data: {} })]).catch((x) => x);
    console.log('append after restart', a2);
    console.log(got);
    await client.dispose();
    await double.stop();
  }
});
