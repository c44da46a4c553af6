/**
 * The own KPIs: what Etablera computes from Process outcomes and publishes in the KPI store beside
 * Kolada's, with `origin` 'local'. Definitions (numerator, denominator, period) are documented in
 * docs/own-kpis.md and shown on the KPI page from `description`.
 *
 * Ids start with `E` (Etablera) and five digits. Kolada's ids are a letter (N for municipality KPIs,
 * U for organisational units) and five digits, and Kolada has never used E, so an own id can never be
 * mistaken for, or overwritten by, one of Kolada's in a sync; `isOwnKpiId` is the test.
 */

export type OwnKpiKind = 'count' | 'share';

export interface OwnKpiDefinition {
  id: string;
  kind: OwnKpiKind;
  /** Swedish, as Kolada titles are. */
  title: string;
  /** Numerator, denominator and period, in Swedish (shown on the KPI page). */
  description: string;
  unit: 'antal' | 'procent';
  /** For the computation: which event counts, and its parameter. */
  rule:
    | { event: 'inventory' | 'plan' | 'step' }
    | { event: 'level'; level: number }
    | { event: 'workOrStudies'; months: number };
}

export const OWN_KPI_PREFIX = 'E';
const OWN_ID = /^E\d{5}$/;
export const isOwnKpiId = (id: string): boolean => OWN_ID.test(id);

/** Months after the inventory within which work or studies count. */
export const OUTCOME_MONTHS = 12;

const COUNT_PERIOD =
  'Period: kalenderåret då händelsen inträffade. Kommunens egen uppgift från Etablera (Process), inte Kolada; celler med färre än 5 personer visas inte (sekretess).';

export const OWN_KPIS: readonly OwnKpiDefinition[] = [
  {
    id: 'E10101',
    kind: 'count',
    title: 'Kartlagda personer, antal',
    description: `Antal personer vars kompetenskartläggning sparades första gången under året (täljare; ingen nämnare). ${COUNT_PERIOD}`,
    unit: 'antal',
    rule: { event: 'inventory' },
  },
  {
    id: 'E10102',
    kind: 'count',
    title: 'Personer med upprättad individuell plan, antal',
    description: `Antal personer vars individuella plan sparades första gången under året (täljare; ingen nämnare). ${COUNT_PERIOD}`,
    unit: 'antal',
    rule: { event: 'plan' },
  },
  {
    id: 'E10103',
    kind: 'count',
    title: 'Personer med minst ett avklarat steg i planen, antal',
    description: `Antal personer med minst ett steg i den individuella planen markerat klart med ett klardatum under året (täljare; ingen nämnare). ${COUNT_PERIOD}`,
    unit: 'antal',
    rule: { event: 'step' },
  },
  {
    id: 'E10104',
    kind: 'share',
    title: `Personer i arbete eller studier ${OUTCOME_MONTHS} månader efter kartläggningen, andel (%)`,
    description: `Täljare: personer i nämnaren vars plan har utfallet arbete eller studier med startmånad högst ${OUTCOME_MONTHS} månader efter kartläggningsmånaden. Nämnare: personer kartlagda under året vars ${OUTCOME_MONTHS} månader har gått vid beräkningen. Period: kartläggningsåret. Kommunens egen uppgift från Etablera (Process), inte Kolada; celler med färre än 5 personer i nämnaren visas inte (sekretess).`,
    unit: 'procent',
    rule: { event: 'workOrStudies', months: OUTCOME_MONTHS },
  },
  ...[1, 2, 3, 4, 5].map(
    (level): OwnKpiDefinition => ({
      id: `E1011${level}`,
      kind: 'count',
      title: `Personer som nått nivå ${level} i incitamentstrappan, antal`,
      description: `Antal personer som en handläggare bekräftade på nivå ${level} i organisationens incitamentstrappa under året (täljare; ingen nämnare). ${COUNT_PERIOD}`,
      unit: 'antal',
      rule: { event: 'level', level },
    }),
  ),
];

export const OWN_KPI_IDS: readonly string[] = OWN_KPIS.map((k) => k.id);

/** Fewer people than this in a cell: the cell is suppressed. */
export const MIN_CELL_PEOPLE = 5;

/** The status a suppressed value is stored and served with (value null), as Kolada marks sekretess. */
export const SUPPRESSED_STATUS = 'sekretess';
