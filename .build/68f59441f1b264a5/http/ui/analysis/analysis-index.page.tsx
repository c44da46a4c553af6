/** /analys: what the analyses are, with links. */
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { ANALYSES, OwnComputationNote } from './analysis-common.js';
import { tr } from './texts.js';

const ABOUT = {
  '/analys/statistik': {
    sv: 'Spridningen av ett nyckeltal över kommunerna: kvartiler, medelvärde, standardavvikelse, varje kommuns rang och percentil.',
    en: 'The spread of an indicator across municipalities: quartiles, mean, standard deviation, each municipality’s rank and percentile.',
  },
  '/analys/liknande': {
    sv: 'Vilka kommuner liknar din mest, mätt med ett skillnadsindex över valda nyckeltal? Använd dem som jämförelsegrupp.',
    en: 'Which municipalities are most like yours, by a difference index over chosen indicators? Use them as the reference group.',
  },
  '/analys/forvantat': {
    sv: 'Är resultatet bra givet förutsättningarna? En regressionsmodell över kommuner ger förväntat värde och avvikelse.',
    en: 'Is a result good given the conditions? A regression model across municipalities gives expected value and deviation.',
  },
  '/analys/samband': {
    sv: 'Hänger två nyckeltal ihop? Pearson och Spearman med spridningsdiagram och filter.',
    en: 'Are two indicators related? Pearson and Spearman with a scatter plot and filters.',
  },
} as const;

export function AnalysisIndexPage({ ctx }: { ctx: PageContext }) {
  return (
    <Layout ctx={ctx} title={tr(ctx, 'Analyser', 'Analyses')} downloads={false}>
      <h1>{tr(ctx, 'Analyser', 'Analyses')}</h1>
      <OwnComputationNote ctx={ctx} />
      <ul class="link-list">
        {ANALYSES.map((a) => (
          <li>
            <a href={href(ctx, a.path)}>{tr(ctx, a.sv, a.en)}</a> –{' '}
            {tr(ctx, ABOUT[a.path].sv, ABOUT[a.path].en)}
          </li>
        ))}
      </ul>
    </Layout>
  );
}
