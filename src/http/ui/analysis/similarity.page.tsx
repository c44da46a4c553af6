/** /analys/liknande: the most similar kommuner, each KPI's contribution, and one click to the comparator. */
import { SIMILARITY_PRESETS } from '../../../domain/analysis/presets.js';
import type { SimilarityReport } from '../../../domain/analysis/similarity.service.js';
import { decimalsFor } from '../../../i18n/format.js';
import { analysisMethod, leftOutReason } from '../../api/analysis/analysis-texts.js';
import { GenderSelect, WideTextField } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut, LeftOutSection, missingItems } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { href, num, type PageContext } from '../page-context.js';
import {
  AnalysisForm,
  AnalysisHeading,
  KommunLink,
  KommunSelect,
  OwnComputationNote,
  YearField,
} from './analysis-common.js';
import * as analysisDoc from './analysis-document.js';
import type { Pickers } from './pickers.js';

interface SimilarityProps {
  ctx: PageContext;
  report: SimilarityReport | null;
  lists: Pickers;
}

export function SimilarityPage({ ctx, report, lists }: SimilarityProps) {
  const title = report
    ? `${ctx.t('analysis.name.liknande')}: ${report.municipality.title}`
    : ctx.t('analysis.name.liknande');
  return (
    <Layout ctx={ctx} title={title} downloads={report !== null}>
      <AnalysisHeading ctx={ctx} heading={title} />
      <p class="lead">{ctx.t('analysis.theMunicipalitiesClosestToThe')}</p>
      <SimilarityForm ctx={ctx} report={report} lists={lists} />
      {report && <SimilarityResult ctx={ctx} report={report} />}
    </Layout>
  );
}

function SimilarityForm({ ctx, report, lists }: SimilarityProps) {
  const preset = ctx.params.get('urval') ?? (ctx.params.get('kpier') ? 'egen' : 'struktur');
  return (
    <AnalysisForm ctx={ctx} action="/analys/liknande" lists={lists} submit={ctx.t('layout.show')}>
      <KommunSelect
        ctx={ctx}
        lists={lists}
        name="kommun"
        id="kommun"
        label={ctx.t('analysis.municipality')}
        selected={report?.municipality.id ?? ctx.params.get('kommun') ?? '1282'}
      />
      <div class="field">
        <label for="urval">{ctx.t('analysis.indicators')}</label>
        <select id="urval" name="urval">
          {SIMILARITY_PRESETS.map((p) => (
            <option value={p.id} selected={preset === p.id}>
              {p.title}
            </option>
          ))}
          <option value="egen" selected={preset === 'egen'}>
            {ctx.t('analysis.ownFieldBelow')}
          </option>
        </select>
      </div>
      <WideTextField
        id="kpier"
        label={ctx.t('analysis.ownIndicatorsWithWeight')}
        value={ctx.params.get('kpier') ?? ''}
        placeholder="N01951:2:log, N02926, N03920"
        hint={ctx.t('analysis.idWeightLogCommaSeparated')}
      />
      <YearField ctx={ctx} year={report?.year} />
      <GenderSelect ctx={ctx} gender={report?.gender ?? 'T'} />
      <div class="field">
        <label for="antal">{ctx.t('analysis.count')}</label>
        <input
          id="antal"
          name="antal"
          type="number"
          min="1"
          max="50"
          value={ctx.params.get('antal') ?? '10'}
          size={4}
        />
      </div>
    </AnalysisForm>
  );
}

function SimilarityResult({ ctx, report }: { ctx: PageContext; report: SimilarityReport }) {
  const idx = 2;
  return (
    <>
      <section aria-labelledby="result-title">
        <h2 id="result-title">
          {ctx.t('analysis.theMostSimilar', { similarCount: String(report.similar.length) })} ({report.year},{' '}
          {ctx.t(`analysis.gender.${report.gender}`)})
        </h2>
        <p>
          <a
            class="button-link"
            id="use-as-reference"
            href={ctx.lang === 'sv' ? report.comparatorUrl : `${report.comparatorUrl}&lang=${ctx.lang}`}
          >
            {ctx.t('analysis.useAsReferenceGroupIn')}
          </a>
        </p>
        <div class="table-scroll">
          <table class="data ranking-table" id="similar-table">
            <caption class="visually-hidden">{ctx.t('analysis.differenceIndexAndEachIndicator')}</caption>
            <thead>
              <tr>
                <th scope="col">{ctx.t('analysis.no')}</th>
                <th scope="col">{ctx.t('analysis.municipality')}</th>
                <th scope="col">{ctx.t('analysis.differenceIndex')}</th>
                {report.kpis.map((k) => (
                  <th scope="col">
                    <abbr title={k.title}>{k.id}</abbr>
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {report.similar.map((s, i) => (
                <tr>
                  <td>{i + 1}</td>
                  <th scope="row">
                    <KommunLink ctx={ctx} id={s.id} title={s.title} />
                  </th>
                  <td class="num">{num(ctx, s.index, idx)}</td>
                  {s.contributions.map((c) => (
                    <td
                      class="num"
                      title={
                        c.value === null ? undefined : `${ctx.t('analysis.value2')} ${num(ctx, c.value)}`
                      }
                    >
                      {num(ctx, c.contribution, idx)}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <p class="note">
          {ctx.t('analysis.differenceIndexWeightedMeanOf', { compared: String(report.compared) })}
        </p>
      </section>
      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title">{ctx.t('analysis.indicatorsInTheIndex')}</h2>
        <div class="table-scroll">
          <table class="data" id="kpi-table">
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">{ctx.t('analysis.indicator')}</th>
                <th scope="col">{ctx.t('analysis.weight')}</th>
                <th scope="col">{ctx.t('analysis.year')}</th>
                <th scope="col">{report.municipality.title}</th>
                <th scope="col">{ctx.t('analysis.meanAllMunicipalities')}</th>
                <th scope="col">{ctx.t('analysis.standardDeviation')}</th>
              </tr>
            </thead>
            <tbody>
              {report.kpis.map((k) => {
                const d = decimalsFor([k.value, k.mean]);
                return (
                  <tr>
                    <td>
                      <a href={href(ctx, `/nyckeltal/${k.id}`)}>{k.id}</a>
                    </td>
                    <td>
                      {k.title}
                      {k.transform === 'log' ? ` (${ctx.t('analysis.logarithmised')})` : ''}
                    </td>
                    <td class="num">{num(ctx, k.weight)}</td>
                    <td class="num">{k.period}</td>
                    <td class="num">{k.value === null ? '–' : num(ctx, k.value, d)}</td>
                    <td class="num">
                      {k.transform === 'log' ? `exp: ${num(ctx, Math.exp(k.mean), 0)}` : num(ctx, k.mean, d)}
                    </td>
                    <td class="num">
                      {k.transform === 'log' ? `${num(ctx, k.sd, 2)} (log)` : num(ctx, k.sd, d)}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      </section>
      <LeftOutSection ctx={ctx}>
        <LeftOut
          ctx={ctx}
          id="left-out-kpis"
          title={ctx.t('analysis.indicatorsThatCouldNotBe')}
          items={report.leftOutKpis.map((l) => ({
            key: l.kpi,
            text: `${l.kpi} ${l.title}: ${leftOutReason(ctx.t, l.reason)}`,
          }))}
        />
        <LeftOut
          ctx={ctx}
          id="left-out-kommuner"
          title={ctx.t('analysis.municipalitiesMissingAValue')}
          items={missingItems(ctx, report.leftOutMunicipalities)}
        />
      </LeftOutSection>
      <OwnComputationNote ctx={ctx} method={analysisMethod(ctx.t, report.analysis)} />
    </>
  );
}

export function similarityDocument(ctx: PageContext, report: SimilarityReport | null): TableDocument {
  const title = report
    ? `${ctx.t('analysis.name.liknande')}: ${report.municipality.title}`
    : ctx.t('analysis.name.liknande');
  if (!report)
    return { title, filename: 'etablera-liknande', meta: documentMeta(ctx, []), columns: [], rows: [] };
  return {
    title: ctx.t('analysis.similarMunicipalities', { title: report.municipality.title }),
    filename: safeFilename(`etablera-liknande-${report.municipality.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      {
        key: 'municipality',
        label: ctx.t('analysis.municipality'),
        value: `${report.municipality.title} (${report.municipality.id})`,
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      {
        key: 'kpis',
        label: ctx.t('analysis.indicatorsWeightYear'),
        value: report.kpis
          .map((k) => `${k.id}:${k.weight}${k.transform === 'log' ? ':log' : ''} (${k.period})`)
          .join(', '),
      },
      analysisDoc.method(ctx, analysisMethod(ctx.t, report.analysis)),
      {
        key: 'left_out_kpis',
        label: ctx.t('analysis.indicatorsLeftOut'),
        value: report.leftOutKpis.map((l) => `${l.kpi} (${leftOutReason(ctx.t, l.reason)})`).join('; '),
      },
      {
        key: 'left_out_municipalities',
        label: ctx.t('analysis.municipalitiesLeftOut'),
        value: report.leftOutMunicipalities.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
    ]),
    columns: [
      { key: 'order', header: ctx.t('analysis.no'), type: 'integer' },
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'index', header: ctx.t('analysis.differenceIndex'), type: 'number' },
      ...report.kpis.flatMap((k) => [
        { key: `value_${k.id}`, header: `${k.id} ${ctx.t('analysis.value2')}`, type: 'number' as const },
        {
          key: `contribution_${k.id}`,
          header: `${k.id} ${ctx.t('analysis.contribution')}`,
          type: 'number' as const,
        },
      ]),
    ],
    rows: report.similar.map((s, i) => ({
      order: i + 1,
      municipality_id: s.id,
      municipality: s.title,
      index: s.index,
      ...Object.fromEntries(
        s.contributions.flatMap((c) => [
          [`value_${c.kpi}`, c.value],
          [`contribution_${c.kpi}`, c.contribution],
        ]),
      ),
    })),
  };
}
