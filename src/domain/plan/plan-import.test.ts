import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DIALECTS } from '../../../test/support/dialects.js';
import { LULEA_FILE, LULEA_KPIS } from '../../../test/support/plan-files.js';
import { describeFullData, HAS_FULL_DATA } from '../../../test/support/real-data.js';
import { copyRealSubset } from '../../../test/support/real-subset.js';
import { createTempStore, type TempStore } from '../../../test/support/temp-store.js';
import { PlanRepository } from '../../store/repositories/plan.repository.js';
import {
  adoptPlan,
  assertEditable,
  exportPlanFile,
  importPlanFile,
  newVersion,
  PlanFileError,
  planDocument,
} from './plan.service.js';
import { readPlanFile } from './plan-file.js';

const lulea = HAS_FULL_DATA ? readFileSync(LULEA_FILE, 'utf8') : '';

/** The Luleå file with one line replaced (the line is located by a unique fragment). */
function edit(fragment: string, replacement: string): { text: string; line: number } {
  const lines = lulea.split('\n');
  const index = lines.findIndex((l) => l.includes(fragment));
  if (index < 0 || lines.findIndex((l, i) => i > index && l.includes(fragment)) >= 0)
    throw new Error(`fragment not unique: ${fragment}`);
  lines[index] = lines[index]!.replace(fragment, replacement);
  return { text: lines.join('\n'), line: index + 1 };
}

async function planCount(temp: TempStore): Promise<number> {
  const r = await temp.store.db
    .selectFrom('plan')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

async function refusal(repo: PlanRepository, text: string): Promise<PlanFileError> {
  const error = await importPlanFile(repo, text, 'plan.yaml').then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(PlanFileError);
  return error as PlanFileError;
}

describeFullData('plan file reading (no store)', () => {
  it('reads the Luleå file as it is', () => {
    const { doc, issues } = readPlanFile(lulea);
    expect(issues).toEqual([]);
    expect(doc?.organisation).toBe('2580');
    expect(doc?.nodes[0]?.indicators).toHaveLength(8);
    expect(doc?.nodes[0]?.indicators?.[7]?.kolada).toEqual({
      kpi: 'N00973',
      municipality: '2580',
      gender: 'T',
    });
    expect(doc?.nodes[0]?.indicators?.[0]?.values).toEqual({ T: { '2019': 79.5 } });
  });

  it('names an alias that makes the tree contain itself', () => {
    const text = [
      'plan:',
      '  title: Cykel',
      '  organisation: "2580"',
      '  periods: {kind: ar, from: 2020, to: 2022}',
      '  nodes:',
      '    - &top',
      '      title: Överst',
      '      children:',
      '        - *top',
    ].join('\n');
    const { issues } = readPlanFile(text);
    expect(issues).toEqual([{ line: 9, message: 'cycle: alias *top refers to a node that contains it' }]);
  });
});

for (const dialect of DIALECTS) {
  describeFullData(`plan import and export on ${dialect}`, () => {
    let temp: TempStore;
    let repo: PlanRepository;

    beforeAll(async () => {
      temp = await createTempStore(dialect);
      await copyRealSubset(dialect, temp.store, LULEA_KPIS);
      repo = new PlanRepository(temp.store.db);
    });
    afterAll(async () => {
      await temp?.destroy();
    });

    it('imports the Luleå file unchanged, and export → import gives the same plan', async () => {
      const id = await importPlanFile(repo, lulea, 'lulea.yaml');
      const first = await planDocument(repo, id);
      expect(first.title).toBe('Mål 2040 – Arbete (utdrag)');
      expect(first.verdict_scale.map((l) => l.key)).toEqual([
        'uppnatt',
        'troligt',
        'osakert',
        'inte_troligt',
        'saknas',
      ]);
      expect(first.verdict_scale.at(-1)?.missing).toBe(true);
      expect(first.nodes[0]?.verdicts).toEqual([
        { period: '2020', level: 'osakert', text: expect.stringContaining('Flera av indikatorerna') },
      ]);
      expect(first.nodes[0]?.actions?.[0]).toMatchObject({ status: 'paborjad', due: '2024-12-31' });
      const published = first.nodes[0]?.indicators?.[7]?.published;
      expect(published?.T?.['2015']).toBe(38);

      const exported = await exportPlanFile(repo, id);
      const again = await importPlanFile(repo, exported, 'exported.yaml');
      expect(again).not.toBe(id);
      expect(await planDocument(repo, again)).toEqual(first);
      // And once more: the export of the re-import is the same text but for its header line.
      const body = (s: string) => s.replace(/^#.*\n/gm, '');
      expect(body(await exportPlanFile(repo, again))).toBe(body(exported));
    });

    it.each([
      ['an unknown KPI', 'kpi: N00973,', 'kpi: N99999,', 'unknown KPI "N99999"'],
      ['a bad period', '- period: "2020"', '- period: "2020-13"', 'bad period "2020-13"'],
      ['a period outside the plan', '- period: "2020"', '- period: "2031"', 'outside the plan'],
      [
        'a node without title',
        'title: "Luleås invånare har arbete"',
        'titel: "Luleås invånare har arbete"',
        'node ÖM.9 has no title',
      ],
      ['a duplicate code', '{code: "ÖM.9.3",', '{code: "ÖM.9.2",', 'duplicate code "ÖM.9.2"'],
      [
        'an unknown verdict level',
        'level: osakert',
        'level: kanske',
        'level "kanske" is not on the plan\'s verdict scale',
      ],
      ['an unknown action status', 'status: paborjad}', 'status: pågår}', 'status "pågår" is not one of'],
    ])('refuses %s with file:line and writes nothing', async (_what, fragment, replacement, message) => {
      const before = await planCount(temp);
      const { text, line } = edit(fragment, replacement);
      const error = await refusal(repo, text);
      const lines = error.message.split('\n').slice(1);
      expect(lines.some((l) => l.startsWith('plan.yaml:') && l.includes(message))).toBe(true);
      expect(error.issues.map((i) => i.line)).toContain(
        message.includes('has no title') ? line - 2 : line, // a missing field is reported at its node
      );
      expect(await planCount(temp)).toBe(before);
    });

    it('refuses a cycle with its line and writes nothing', async () => {
      const before = await planCount(temp);
      const text = lulea
        .replace('    - code: "ÖM.9"\n', '    - &om9\n      code: "ÖM.9"\n')
        .concat('      children:\n        - *om9\n');
      const error = await refusal(repo, text);
      expect(error.message).toMatch(/plan\.yaml:\d+: cycle: alias \*om9/);
      expect(await planCount(temp)).toBe(before);
    });

    it('keeps versions: an adopted plan is changed through a new draft, the old one kept', async () => {
      const id = await importPlanFile(repo, lulea, 'lulea.yaml');
      await adoptPlan(repo, id);
      const adopted = (await repo.plan(id))!;
      expect(adopted.status).toBe('adopted');
      expect(() => assertEditable(adopted)).toThrow(/only through a new version/);
      const draft = await newVersion(repo, id);
      const draftRow = (await repo.plan(draft))!;
      expect(draftRow).toMatchObject({ status: 'draft', version: 2, lineage: adopted.lineage });
      const [a, b] = [await repo.contents(id), await repo.contents(draft)];
      // Same items (by lineage), new rows; display codes are labels carried along.
      expect(b!.indicators.map((i) => i.lineage)).toEqual(a!.indicators.map((i) => i.lineage));
      expect(b!.indicators.map((i) => i.id)).not.toEqual(a!.indicators.map((i) => i.id));
      await adoptPlan(repo, draft);
      expect((await repo.plan(id))!.status).toBe('superseded');
      expect((await repo.plan(draft))!.status).toBe('adopted');
    });
  });
}
