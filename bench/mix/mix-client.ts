/**
 * The mix's load generator, in a process of its own (`node --import tsx bench/mix/mix-client.ts
 * '<json>'`, started by runMix): on a 2-core machine the client competes with the server for the
 * cores, so it must neither share the bench's event loop (which samples memory) nor be heavy. It
 * writes one JSON line: each request's time by kind, the failures, and its own CPU time while it
 * asked, so the bench can say what the client took from the server.
 */
import { prepared, RawConnection } from '../lib/raw-http.js';
import { chooseKind, type MixClientOrder, type MixClientResult, picker, seeded } from './mix.bench.js';

async function run(order: MixClientOrder): Promise<MixClientResult> {
  const base = new URL(order.url);
  const samples: Record<string, number[]> = {};
  const failures: Record<string, number> = {};
  const cpu0 = process.cpuUsage();
  const started = performance.now();
  const deadline = started + order.seconds * 1000;
  // Each connection draws from its own seeded sequence, so a run asks for the same things as the last.
  const client = async (index: number) => {
    const random = seeded(order.seed + index);
    const pick = picker(random, order.kommuner);
    let connection: RawConnection | null = null;
    while (performance.now() < deadline) {
      const kind = chooseKind(random);
      const path = kind.path(pick);
      const request = prepared('GET', new URL(path, base));
      const t0 = performance.now();
      // A new connection when the server said `connection: close` (its keep-alive limit):
      // node:cluster hands it to the next worker. Opening it counts in the request's time.
      if (!connection?.reusable) connection = await RawConnection.open(base);
      const status = await connection.send(request);
      const list = samples[kind.name] ?? [];
      samples[kind.name] = list;
      list.push(performance.now() - t0);
      // 404 is an answer (a kommun without that KPI's page data is still served); 5xx and the rest are not.
      if (status !== 200 && status !== 404) {
        const key = `${kind.name} ${status}`;
        failures[key] = (failures[key] ?? 0) + 1;
      }
    }
    connection?.close();
  };
  await Promise.all(Array.from({ length: order.connections }, (_, i) => client(i)));
  const elapsedS = (performance.now() - started) / 1000;
  const cpu = process.cpuUsage(cpu0);
  return { samples, failures, elapsedS, cpuS: (cpu.user + cpu.system) / 1e6 };
}

const order = JSON.parse(process.argv[2] ?? '{}') as MixClientOrder;
process.stdout.write(`${JSON.stringify(await run(order))}\n`);
