/**
 * The demo plan loaded with the demo data, so a newcomer sees Plan working at once: a published,
 * adopted integration programme on the public follow-up site (`/uppfoljning`), with verdicts,
 * Kolada-bound indicators (reading the demo values), an own measure and actions in every status.
 *
 * Its goal texts are real, public goals of Swedish municipalities (adopted goals are allmänna
 * handlingar; reuse allowed, source cited in the plan): Luleå kommun's "Mål 2040" goal on work,
 * Kungälvs kommun's verksamhetsplan för social hållbarhet 2017–2019 (KS2016/1963-2) and Skellefteå
 * kommun's integrationsstrategi (KS 2013-03-26 § 107). Verdicts, targets and action statuses are made
 * up, and the plan says so: it is labelled as demo in its title and vision. It belongs to the
 * organisation "demo", which no user is a member of, and is removed with the rest of the demo data.
 * Bundled here as text: nothing is read from outside the product at run time.
 */

import { importPlanFile } from '../domain/plan/plan.service.js';
import type { Store } from '../store/database.js';

/** The organisation of the demo plan: a slug no real organisation has. */
export const DEMO_PLAN_ORGANISATION = 'demo';

export const DEMO_PLAN_YAML = `plan:
  title: "Demoplan: integrationsprogram (exempel)"
  organisation: "${DEMO_PLAN_ORGANISATION}"
  municipality: "2580"
  status: adopted
  public: true
  vision: "DEMO – inte en verklig plan. Målen är hämtade ur verkliga kommunala styrdokument (Luleå, Kungälv, Skellefteå); bedömningar, målvärden och åtgärdernas status är påhittade och värdena är demodata. Övergripande mål (Skellefteå): en attraktiv plats att bo och verka i, för alla människor, oavsett ursprung."
  source:
    url: "http://programuppfoljning.lulea.se/arbete/"
    title: "Demo byggd på mål från Luleå kommun (Mål 2040, programuppföljning Arbete), Kungälvs kommun (verksamhetsplan social hållbarhet 2017–2019, KS2016/1963-2) och Skellefteå kommun (integrationsstrategi, KS 2013-03-26 § 107)"
    licence_basis: "URL 26 a § (allmän handling)"
    retrieved: "2026"
  periods: {kind: ar, from: 2018, to: 2024}
  verdict_scale:
    - {key: uppnatt, label: "Målet är uppnått"}
    - {key: troligt, label: "Troligt att målet nås"}
    - {key: osakert, label: "Osäkert om målet kan nås"}
    - {key: inte_troligt, label: "Inte troligt att målet nås"}
    - {key: saknas, label: "Bedömning saknas"}
  nodes:
    - code: "A"
      type: malomrade
      title: "Arbete och egen försörjning"
      responsible: "Arbetsmarknads- och utbildningsförvaltningen"
      children:
        - code: "A.1"
          type: mal
          title: "Invånarna har arbete"
          description: "Målet syftar till att ha en hög kunskapsnivå, ha bra och tillgängliga områden för arbetsplatser, att ge möjligheter till praktik och validering av kompetens. (Luleå kommun, Mål 2040.)"
          verdicts:
            - {period: "2023", level: osakert, text: "Flera av indikatorerna visar en positiv utveckling. För att nå målet behövs ett fortsatt fokus på behöriga elever, fler nyanlända i arbete och fler invånare."}
            - {period: "2024", level: troligt, text: "Demo: fler nyanlända har gått till arbete under året."}
          indicators:
            - {code: "A.1.1", title: "Flyktingar 20–64 år i arbete", direction: higher, unit: "%", kolada: {kpi: N00700}, compare_with: kommungrupp, targets: {2022: 45, 2024: 50}}
            - {code: "A.1.2", title: "Sysselsättningsgrad, utrikes födda 20–64 år", direction: higher, unit: "%", kolada: {kpi: N02268}, compare_with: riket}
            - {code: "A.1.3", title: "Andel förvärvsarbetande, 20–64 år, i november månad", direction: higher, unit: "%", values: {2019: 79.5, 2021: 80.1, 2023: 80.6}, trend_method: baseline_latest, baseline: {period: "2019"}}
        - code: "A.2"
          type: mal
          title: "Alla nyanlända vuxna, efter avslutad etableringsperiod (2 år), ska finnas i arbete alternativt utbildning"
          description: "Kungälvs kommun, verksamhetsplan social hållbarhet 2017–2019."
          verdicts:
            - {period: "2024", level: inte_troligt, text: "Demo: andelen ligger långt från målet att alla ska vara i arbete eller utbildning."}
          indicators:
            - {code: "A.2.1", title: "Lämnat etableringsuppdraget för arbete eller studier", direction: higher, unit: "%", kolada: {kpi: N00973}, compare_with: riket, trend_method: last_two, targets: {2024: 60}}
          actions:
            - {code: "A.2.a", title: "Kombinationsutbildningar: sfi tillsammans med yrkesutbildning", responsible: "Arbetsmarknads- och utbildningsförvaltningen", start: "2021-01-01", due: "2024-12-31", status: paborjad, progress: 60}
            - {code: "A.2.b", title: "Språkpraktik i kommunens egna verksamheter", responsible: "HR-avdelningen", start: "2020-01-01", due: "2022-12-31", status: genomford, progress: 100}
    - code: "B"
      type: malomrade
      title: "Tidiga insatser och utbildning"
      responsible: "Vuxenutbildningen"
      children:
        - code: "B.1"
          type: mal
          title: "Vuxenutbildningen är en väg till arbete"
          description: "Fokusområde Vuxenutbildning i Skellefteå kommuns integrationsstrategi och Tidiga insatser i Kungälvs verksamhetsplan (omskrivet)."
          verdicts:
            - {period: "2024", level: osakert}
          indicators:
            - {code: "B.1.1", title: "Klarat minst två sfi-kurser inom två år", direction: higher, unit: "%", kolada: {kpi: N18409}, compare_with: riket}
            - {code: "B.1.2", title: "Avbrutit sfi och arbetar eller studerar", direction: higher, unit: "%", kolada: {kpi: N18413}}
          actions:
            - {code: "B.1.a", title: "Sfi i kombination med praktik hos lokala arbetsgivare", responsible: "Vuxenutbildningen", start: "2024-01-01", due: "2025-06-30", status: forsenad, progress: 20}
        - code: "B.2"
          type: mal
          title: "Barnomsorg och skola"
          description: "Fokusområde i Skellefteå kommuns integrationsstrategi; indikatorer läggs till senare."
          verdicts:
            - {period: "2024", level: saknas}
    - code: "C"
      type: malomrade
      title: "Bostäder och lokalsamhälle"
      responsible: "Kommunledningskontoret"
      children:
        - code: "C.1"
          type: mal
          title: "Minskad segregation"
          description: "Fokusområden Bostäder och Lokalsamhällets engagemang (Skellefteå) och Minskad segregation (Kungälv)."
          verdicts:
            - {period: "2024", level: troligt}
          actions:
            - {code: "C.1.a", title: "Lokalsamhällets engagemang: föreningar och frivilliga i mottagandet", responsible: "Fritidsförvaltningen", start: "2019-01-01", due: "2023-12-31", status: genomford, progress: 100}
            - {code: "C.1.b", title: "Bostäder för nyanlända i hela kommunen", responsible: "Kommunledningskontoret", start: "2022-01-01", due: "2026-12-31", status: ej_paborjad}
            - {code: "C.1.c", title: "Kollektivtrafik till arbetsplatsområden", responsible: "Samhällsbyggnadsförvaltningen", start: "2018-01-01", due: "2020-12-31", status: avford}
`;

/** Imports the demo plan into a store that holds the demo KPIs; returns its id. */
export async function loadDemoPlan(store: Store, now = new Date()): Promise<number> {
  return importPlanFile(store.repositories.plans, DEMO_PLAN_YAML, 'demo-plan.yaml', now);
}
