/** The real plan files in ../shared/data/plan used by the Plan tests. */
import { join } from 'node:path';
import { SHARED_DATA } from './real-data.js';

export const LULEA_FILE = join(SHARED_DATA, 'plan/lulea-mal2040-arbete.yaml');
/** The Kolada KPIs the Luleå file binds its indicators to. */
export const LULEA_KPIS = ['N00973', 'N01951', 'N01802', 'N15428', 'N17461', 'N18409'];

/**
 * A small plan over the committed fixture (Landskrona 1282, KPIs the fixture holds): one goal area
 * with a goal bound to Kolada, an own measure and an action; a draft, not published. For the pages'
 * tests and the browser tests.
 */
export const FIXTURE_PLAN_YAML = `plan:
  title: "Integrationsprogram (test)"
  organisation: "1282"
  periods: {kind: ar, from: 2018, to: 2024}
  verdict_scale:
    - {key: uppnatt, label: "Målet är uppnått"}
    - {key: troligt, label: "Troligt att målet nås"}
    - {key: osakert, label: "Osäkert om målet kan nås"}
    - {key: inte_troligt, label: "Inte troligt att målet nås"}
    - {key: saknas, label: "Bedömning saknas"}
  nodes:
    - code: "1"
      type: malomrade
      title: "Arbete och egen försörjning"
      responsible: "Arbetsmarknadsförvaltningen"
      children:
        - code: "1.1"
          type: mal
          title: "Fler nyanlända i arbete eller studier"
          indicators:
            - {code: "1.1.1", title: "Andel i arbete eller studier efter etableringen", direction: higher, unit: "%", kolada: {kpi: N00700, gender: T}, compare_with: riket, targets: {2022: 60, 2024: 70}}
            - {code: "1.1.2", title: "Antal deltagare i språkpraktik", direction: higher, unit: antal, values: {T: {2020: 40, 2021: 52, 2022: 61}}}
          actions:
            - {title: "Språkpraktik i kommunens verksamheter", responsible: "HR-avdelningen", start: "2021-01-01", due: "2023-12-31", status: paborjad}
`;
