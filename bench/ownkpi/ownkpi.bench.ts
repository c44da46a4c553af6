/**
 * The own-KPI recomputation for 10,000 simulated people (issue 20: ≤ 30 s): the first run derives
 * every person's events (opening each plan with the data key), aggregates and writes every cell; the
 * second finds nothing changed. `npm run bench:ownkpi [sqlite|postgres] [people]`.
 */
import { loadavg } from 'node:os';
import { OwnKpiService } from '../../src/domain/process/outcomes/own-kpi.service.js';
import { Keyring } from '../../src/domain/process/privacy/field-cipher.js';
import type { Dialect } from '../../src/store/database.js';
import { simulateCaseload, writeCaseload } from '../../test/support/outcome-simulation.js';
import { keyLine } from '../../test/support/process.js';
import { createTempStore } from '../../test/support/temp-store.js';

const dialect = (process.argv[2] ?? 'sqlite') as Dialect;
const n = Number(process.argv[3] ?? 10_000);
const temp = await createTempStore(dialect);
try {
  const keyring = Keyring.parse(keyLine('k1'), 'bench');
  // Three municipalities of different sizes, arrivals over three years.
  const people = simulateCaseload({
    seed: 10,
    organisations: {
      '2580': Math.round(n * 0.7),
      '1280': Math.round(n * 0.25),
      '0114': Math.round(n * 0.05),
    },
    start: '2023-01-01',
    years: 3,
    today: '2026-03-31',
  });
  await writeCaseload(temp.store, keyring, people);
  const service = new OwnKpiService(temp.store, keyring);
  const now = new Date('2026-03-31T12:00:00Z');
  const first = await service.recompute({ now });
  const second = await service.recompute({ now });
  console.log(
    JSON.stringify({
      bench: 'ownkpi',
      dialect,
      people: first.people,
      events: first.events,
      cells: first.cells,
      suppressed: first.suppressed,
      firstRunSeconds: Number(first.seconds.toFixed(2)),
      unchangedRunSeconds: Number(second.seconds.toFixed(2)),
      budgetSeconds: 30,
      loadAverage: loadavg()[0]?.toFixed(1),
    }),
  );
} finally {
  await temp.destroy();
}
