/**
 * Lists the concepts the label packs translate (`npx tsx scripts/pick-label-pack-concepts.ts > list.tsv`):
 * occupation names of SSYK-4 groups common in newcomers' backgrounds and first jobs in Sweden (care,
 * cleaning, restaurants, transport, construction, industry, trades, health professions, teaching, IT),
 * up to three per group (shortest names first: the general ones), and the 200 skills the taxonomy relates
 * most often to those groups (minus software products and sector certificates few newcomers hold).
 * No register of newcomers' occupations is published per SSYK group, so the group list is a judgement,
 * written here to be argued with. Output: number, id, type, Swedish label; translations are written
 * against the numbers and merged into label-packs/<lang>.json.
 */
import { readSnapshot, SNAPSHOT_FILE, snapshotToLoad } from '../src/domain/process/taxonomy/snapshot.js';

const CODES =
  `2211 2221 2222 2241 2250 2260 2272 2281 3212 3213 5311 5312 5321 5323 5325 5330 5341 5342 5343 5349 5350
2320 2330 2341 2342 2343 2643 2661 2142 2512 2514 3512 3513 3514 2411 3313 4111 4222 4224
7111 7112 7113 7114 7116 7119 7121 7122 7124 7125 7126 7131 7132 7134 7211 7212 7213 7223 7231 7233 7411 7412 7420
7522 7531 7532 7534 7611 7612 3451 5120 5131 5132 9411 9412 9413 5141 5143 5152 5222 5223 5230 5413
6111 6112 6113 6121 6210 9210 4322 4420 8321 8329 8331 8332 8341 8343 8344 8161 8163 8181 8211 8212 8213 8219 9320
9111 9119 9120 9310 9331 9332 9610 9621 9622`.split(/\s+/);
const NOISE =
  /operativsystem|kommunikationsprotokoll|Office|^MS (Access|Power|Project|Publisher|Works)|Oracle|IBM|AbiWord|FileMaker|Corel|IANA|Visum|Adobe|Apple|Google|Microsoft|HUET|Fast rescue|Basic Safety|Medical first|Sjöfart|SRC|sjöfolk|Passagerarfartyg|Räddningsfarkoster|offshore|Fartygssäkerhet|IPX|TCP|ECDL|Instruktörskurs|Freinet|Montessori|SSG Entre|Lagbas|IT-konsult|e-lärande|^[AB] - |programmeringsverktyg|webbserverprogram|affärssystem|Think Free|XyWrite|Windows för mobila|hårdvarucertifikat|Certified|Behörighetsbevis enligt FSD|Waldorf|Bluetooth|databashanterare|Kommunikation, sjöfart|AL - /;

const load = snapshotToLoad(readSnapshot(SNAPSHOT_FILE));
const byId = new Map(load.concepts.map((c) => [c.id, c]));
const current = (id: string) => byId.get(id)?.deprecated === 0;
const groups = new Set(
  load.concepts
    .filter((c) => c.type === 'ssyk-level-4' && !c.deprecated && CODES.includes(c.code ?? ''))
    .map((c) => c.id),
);
const perGroup = new Map<string, string[]>();
for (const r of load.relations)
  if (
    r.kind === 'broader' &&
    groups.has(r.to_id) &&
    byId.get(r.from_id)?.type === 'occupation-name' &&
    current(r.from_id)
  )
    perGroup.set(r.to_id, [...(perGroup.get(r.to_id) ?? []), r.from_id]);
const label = (id: string) => byId.get(id)?.label ?? '';
// The first packs' twelve occupations (newcomers' most common first jobs) stay in, whatever their length.
const first = new Set(
  'bSEB_VKd_Ub3 PQkQ_Dmk_ZF8 rM7G_ge7_XhP KF64_AvU_S4N GQSf_fnq_kjF 6zL8_YYP_1eR 7FqZ_2r8_CEN rxrQ_Nyy_k6y eU1q_zvL_9Rf rUcW_z9R_Qsv vaEY_R9R_LjB DLEi_bTh_oLA'.split(
    ' ',
  ),
);
const occupations = [...perGroup.values()]
  .flatMap((ids) =>
    ids
      .sort((a, b) => Number(first.has(b)) - Number(first.has(a)) || label(a).length - label(b).length)
      .slice(0, Math.max(3, ids.filter((i) => first.has(i)).length)),
  )
  .sort((a, b) => label(a).localeCompare(label(b), 'sv'));
const skillCount = new Map<string, number>();
for (const r of load.relations)
  if (
    r.kind === 'related' &&
    groups.has(r.from_id) &&
    byId.get(r.to_id)?.type === 'skill' &&
    current(r.to_id)
  )
    skillCount.set(r.to_id, (skillCount.get(r.to_id) ?? 0) + 1);
const skills = [...skillCount]
  .filter(([id]) => !NOISE.test(label(id)))
  .sort((a, b) => b[1] - a[1] || label(a[0]).localeCompare(label(b[0]), 'sv'))
  .slice(0, 200)
  .map(([id]) => id);
let n = 0;
for (const id of [...occupations, ...skills])
  console.log(`${++n}\t${id}\t${byId.get(id)?.type}\t${label(id)}`);
