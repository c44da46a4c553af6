/** /analys/liknande: the most similar kommuner, each KPI's contribution, and one click to the comparator. */
import { SIMILARITY_PRESETS } from '../../../domain/analysis/presets.js';
import type { SimilarityReport } from '../../../domain/analysis/similarity.service.js';
import { GenderSelect, WideTextField } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { LeftOut, LeftOutSection, missingItems } from '../components/left-out.js';
import { documentMeta } from '../exports/document-meta.js';
import { safeFilename, type TableDocument } from '../exports/table-document.js';
import { decimalsFor } from '../i18n/format.js';
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
import { genderText, tr } from './texts.js';

const TITLE = { sv: 'Liknande kommuner', en: 'Similar municipalities' };

interface SimilarityProps {
  ctx: PageContext;
  report: SimilarityReport | null;
  lists: Pickers;
}

export function SimilarityPage({ ctx, report, lists }: SimilarityProps) {
  const title = report
    ? `${tr(ctx, TITLE.sv, TITLE.en)}: ${report.municipality.title}`
    : tr(ctx, TITLE.sv, TITLE.en);
  return (
    <Layout ctx={ctx} title={title} downloads={report !== null}>
      <AnalysisHeading ctx={ctx} heading={title} />
      <p class="lead">
        {tr(
          ctx,
          'De kommuner som ligger närmast den valda kommunen på de valda nyckeltalen. Varje nyckeltal standardiseras över alla kommuner, så enheten spelar ingen roll.',
          'The municipalities closest to the chosen one on the chosen indicators. Each indicator is standardised over all municipalities, so units do not matter.',
        )}
      </p>
      <SimilarityForm ctx={ctx} report={report} lists={lists} />
      {report && <SimilarityResult ctx={ctx} report={report} />}
    </Layout>
  );
}

function SimilarityForm({ ctx, report, lists }: SimilarityProps) {
  const preset = ctx.params.get('urval') ?? (ctx.params.get('kpier') ? 'egen' : 'struktur');
  return (
    <AnalysisForm ctx={ctx} action="/analys/liknande" lists={lists} submit={ctx.t.show}>
      <KommunSelect
        ctx={ctx}
        lists={lists}
        name="kommun"
        id="kommun"
        label={tr(ctx, 'Kommun', 'Municipality')}
        selected={report?.municipality.id ?? ctx.params.get('kommun') ?? '1282'}
      />
      <div class="field">
        <label for="urval">{tr(ctx, 'Nyckeltal', 'Indicators')}</label>
        <select id="urval" name="urval">
          {SIMILARITY_PRESETS.map((p) => (
            <option value={p.id} selected={preset === p.id}>
              {p.title}
            </option>
          ))}
          <option value="egen" selected={preset === 'egen'}>
            {tr(ctx, 'Egna (fältet nedan)', 'Own (field below)')}
          </option>
        </select>
      </div>
      <WideTextField
        id="kpier"
        label={tr(ctx, 'Egna nyckeltal med vikt', 'Own indicators with weight')}
        value={ctx.params.get('kpier') ?? ''}
        placeholder="N01951:2:log, N02926, N03920"
        hint={tr(
          ctx,
          'id[:vikt[:log]], kommaseparerat; används när ”Egna” är valt.',
          'id[:weight[:log]], comma-separated; used when “Own” is chosen.',
        )}
      />
      <YearField ctx={ctx} year={report?.year} />
      <GenderSelect ctx={ctx} gender={report?.gender ?? 'T'} />
      <div class="field">
        <label for="antal">{tr(ctx, 'Antal', 'Count')}</label>
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
          {tr(ctx, `De ${report.similar.length} mest lika`, `The ${report.similar.length} most similar`)} (
          {report.year}, {genderText(ctx, report.gender)})
        </h2>
        <p>
          <a
            class="button-link"
            id="use-as-reference"
            href={ctx.lang === 'en' ? `${report.comparatorUrl}&lang=en` : report.comparatorUrl}
          >
            {tr(ctx, 'Använd som jämförelsegrupp i jämföraren', 'Use as reference group in the comparator')}
          </a>
        </p>
        <div class="table-scroll">
          <table class="data ranking-table" id="similar-table">
            <caption class="visually-hidden">
              {tr(
                ctx,
                'Skillnadsindex och varje nyckeltals bidrag',
                'Difference index and each indicator’s contribution',
              )}
            </caption>
            <thead>
              <tr>
                <th scope="col">{tr(ctx, 'Nr', 'No.')}</th>
                <th scope="col">{tr(ctx, 'Kommun', 'Municipality')}</th>
                <th scope="col">{tr(ctx, 'Skillnadsindex', 'Difference index')}</th>
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
                        c.value === null ? undefined : `${tr(ctx, 'värde', 'value')} ${num(ctx, c.value)}`
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
          {tr(
            ctx,
            `Skillnadsindex = viktat medelvärde av skillnaden i standardavvikelser per nyckeltal; kolumnerna per nyckeltal är bidragen, som summerar till indexet. ${report.compared} kommuner jämfördes.`,
            `Difference index = weighted mean of the difference in standard deviations per indicator; the indicator columns are the contributions, which add up to the index. ${report.compared} municipalities were compared.`,
          )}
        </p>
      </section>
      <section aria-labelledby="kpis-title">
        <h2 id="kpis-title">{tr(ctx, 'Nyckeltal i indexet', 'Indicators in the index')}</h2>
        <div class="table-scroll">
          <table class="data" id="kpi-table">
            <thead>
              <tr>
                <th scope="col">Id</th>
                <th scope="col">{tr(ctx, 'Nyckeltal', 'Indicator')}</th>
                <th scope="col">{tr(ctx, 'Vikt', 'Weight')}</th>
                <th scope="col">{tr(ctx, 'År', 'Year')}</th>
                <th scope="col">{report.municipality.title}</th>
                <th scope="col">{tr(ctx, 'Medel (alla kommuner)', 'Mean (all municipalities)')}</th>
                <th scope="col">{tr(ctx, 'Standardavvikelse', 'Standard deviation')}</th>
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
                      {k.transform === 'log' ? ` (${tr(ctx, 'logaritmerat', 'logarithmised')})` : ''}
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
          title={tr(ctx, 'Nyckeltal som inte kunde användas', 'Indicators that could not be used')}
          items={report.leftOutKpis.map((l) => ({
            key: l.kpi,
            text: `${l.kpi} ${l.title}: ${l.reasonText}`,
          }))}
        />
        <LeftOut
          ctx={ctx}
          id="left-out-kommuner"
          title={tr(ctx, 'Kommuner utan värde för något nyckeltal', 'Municipalities missing a value')}
          items={missingItems(ctx, report.leftOutMunicipalities)}
        />
      </LeftOutSection>
      <OwnComputationNote ctx={ctx} method={report.method} />
    </>
  );
}

export function similarityDocument(ctx: PageContext, report: SimilarityReport | null): TableDocument {
  const title = report ? `${TITLE.sv}: ${report.municipality.title}` : TITLE.sv;
  if (!report)
    return { title, filename: 'etablera-liknande', meta: documentMeta(ctx, []), columns: [], rows: [] };
  return {
    title: tr(
      ctx,
      `Liknande kommuner: ${report.municipality.title}`,
      `Similar municipalities: ${report.municipality.title}`,
    ),
    filename: safeFilename(`etablera-liknande-${report.municipality.id}-${report.year}`),
    meta: documentMeta(ctx, [
      analysisDoc.computation(ctx),
      {
        key: 'municipality',
        label: tr(ctx, 'Kommun', 'Municipality'),
        value: `${report.municipality.title} (${report.municipality.id})`,
      },
      analysisDoc.year(ctx, report.year),
      analysisDoc.gender(ctx, report.gender),
      {
        key: 'kpis',
        label: tr(ctx, 'Nyckeltal (vikt, år)', 'Indicators (weight, year)'),
        value: report.kpis
          .map((k) => `${k.id}:${k.weight}${k.transform === 'log' ? ':log' : ''} (${k.period})`)
          .join(', '),
      },
      analysisDoc.method(ctx, report.method),
      {
        key: 'left_out_kpis',
        label: tr(ctx, 'Utelämnade nyckeltal', 'Indicators left out'),
        value: report.leftOutKpis.map((l) => `${l.kpi} (${l.reasonText})`).join('; '),
      },
      {
        key: 'left_out_municipalities',
        label: tr(ctx, 'Utelämnade kommuner', 'Municipalities left out'),
        value: report.leftOutMunicipalities.map((m) => `${m.id} (${m.missing.join(' ')})`).join('; '),
      },
    ]),
    columns: [
      { key: 'order', header: tr(ctx, 'Nr', 'No.'), type: 'integer' },
      ...analysisDoc.municipalityColumns(ctx),
      { key: 'index', header: tr(ctx, 'Skillnadsindex', 'Difference index'), type: 'number' },
      ...report.kpis.flatMap((k) => [
        { key: `value_${k.id}`, header: `${k.id} ${tr(ctx, 'värde', 'value')}`, type: 'number' as const },
        {
          key: `contribution_${k.id}`,
          header: `${k.id} ${tr(ctx, 'bidrag', 'contribution')}`,
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
