/**
 * Section 3: the integration profile page (/kommun/1282) on a real server, one connection at a time,
 * so the latency is the server's time for the page (plus loopback), not queueing behind other requests.
 */
import type { Dialect } from '../../src/store/database.js';
import { type LatencyFigures, sequentialHttp } from '../api/api.bench.js';
import type { Report } from '../lib/report.js';
import type { RunningServer } from '../lib/server.js';

export const PROFILE_PATH = '/kommun/1282';

export async function pageBench(
  dialect: Dialect,
  server: RunningServer,
  seconds: number,
  report: Report,
  label: string,
): Promise<LatencyFigures | null> {
  const probe = await fetch(server.url + PROFILE_PATH);
  await probe.arrayBuffer();
  if (probe.status === 404) {
    report.note(
      `[${dialect}] ${PROFILE_PATH} answers 404: the integration profile page is not in this build (UI branch not merged); page section skipped`,
    );
    return null;
  }
  const figures = await sequentialHttp(server.url, [PROFILE_PATH], seconds);
  const section = `page${label}`;
  report.add({
    section,
    dialect,
    what: `${PROFILE_PATH} (1 connection): p50`,
    value: figures.p50,
    unit: 'ms',
    ...(label === '' ? { target: '≤ 50 ms', met: figures.p50 <= 50 } : {}),
  });
  report.add({
    section,
    dialect,
    what: `${PROFILE_PATH} (1 connection): p99`,
    value: figures.p99,
    unit: 'ms',
  });
  return figures;
}
