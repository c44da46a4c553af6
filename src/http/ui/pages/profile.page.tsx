/** The integration profile `/kommun/{id}`: the integration set by area for one municipality. */
import type { Cell } from '../../../domain/comparison/cell.js';
import type { Catalog } from '../../../domain/comparison/comparison.service.js';
import type { ProfileModel, ProfileRow } from '../../../domain/comparison/profile.service.js';
import type { ReferenceOption } from '../../../domain/comparison/reference.js';
import { decimalsFor, meanDecimals } from '../../../i18n/format.js';
import type { Translate } from '../../../i18n/translator.js';
import { ControlsForm, SubmitField, WideTextField, YearSelect } from '../components/form.js';
import { Layout } from '../components/layout.js';
import { Legend } from '../components/legend.js';
import { Sparkline } from '../components/sparkline.js';
import { CellView, PositionView } from '../components/values.js';
import { href, num, type PageContext } from '../page-context.js';

export interface ProfileView {
  model: ProfileModel;
  catalog: Catalog;
  /** The `urval` text as given (kept in the form). */
  selectionText: string;
}

export function referenceLabel(t: Translate, option: ReferenceOption): string {
  switch (option.kind) {
    case 'alla':
      return t('comparator.allKommuner');
    case 'urval':
      return t('comparator.referenceCustom');
    case 'liknande':
      return `${t('comparator.referenceSimilar')}, ${option.title}`;
    default:
      return option.title ?? option.param;
  }
}

export function yearParam(model: ProfileModel): string | undefined {
  return model.year === 'latest' ? undefined : String(model.year);
}

export function ProfilePage({ ctx, view }: { ctx: PageContext; view: ProfileView }) {
  const { t } = ctx;
  const { model } = view;
  const m = model.municipality;
  const refLabel = referenceLabel(t, model.reference.option);
  const linkParams = {
    kommun: m.id,
    ar: yearParam(model),
    ref: model.reference.option.param === 'alla' ? undefined : model.reference.option.param,
    urval: model.reference.option.kind === 'urval' ? model.reference.members.join(',') : undefined,
  };
  return (
    <Layout ctx={ctx} title={`${m.title} – ${t('comparator.profileTitle')}`}>
      <div class="page-head" data-recent-id={m.id} data-recent-title={m.title}>
        <p class="eyebrow">{t('comparator.profileTitle')}</p>
        <h1>
          {m.title} <span class="muted">{`${t('comparator.kommunCode')} ${m.id}`}</span>
        </h1>
        <p class="lead">{t('comparator.profileIntro')}</p>
      </div>
      <ProfileControls ctx={ctx} view={view} />
      <ReferenceMembers ctx={ctx} view={view} />
      {model.areas.map(({ area, rows }) => (
        <section class="area" aria-labelledby={`area-${area.id}`}>
          <h2 id={`area-${area.id}`}>
            {area.number}. {ctx.lang === 'en' ? area.titleEn : area.title}
          </h2>
          <div class="table-scroll">
            <table class="data profile-table" aria-labelledby={`area-${area.id}`}>
              <thead>
                <tr>
                  <th scope="col">{t('comparator.kpi')}</th>
                  <th scope="col">{t('comparator.year')}</th>
                  <th scope="col" class="num">
                    {m.title}
                  </th>
                  <th scope="col">
                    {t('comparator.position')} / {t('comparator.rank')}
                  </th>
                  <th scope="col" class="num">
                    {t('comparator.women')}
                  </th>
                  <th scope="col" class="num">
                    {t('comparator.men')}
                  </th>
                  <th scope="col" class="num ref-col">
                    {refLabel}
                    <span class="th-note">{`${t('comparator.referenceMean')}, Etablera`}</span>
                  </th>
                  <th scope="col" class="num">
                    {t('comparator.riket')}
                  </th>
                  <th scope="col">{t('comparator.trend')}</th>
                </tr>
              </thead>
              <tbody>
                {rows.map((row) => (
                  <ProfileTableRow ctx={ctx} row={row} linkParams={linkParams} />
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
      <p class="note">{t('comparator.referenceNote')}</p>
      {model.missingKpis.length > 0 && (
        <p class="note">
          {t('comparator.kpisMissing')}: {model.missingKpis.join(', ')}
        </p>
      )}
      <Legend ctx={ctx} />
    </Layout>
  );
}

function ProfileTableRow({
  ctx,
  row,
  linkParams,
}: {
  ctx: PageContext;
  row: ProfileRow;
  linkParams: Record<string, string | undefined>;
}) {
  const { t } = ctx;
  const k = row.kpi;
  const d = decimalsFor([row.value.value, row.women.value, row.men.value, row.riket.value], k.unit);
  return (
    <tr data-kpi={k.id}>
      <th scope="row" class="kpi-cell">
        <a href={href(ctx, `/nyckeltal/${k.id}`, { ...linkParams, ar: row.period ?? linkParams.ar })}>
          {k.label}
        </a>
        <span class="kpi-meta">
          {k.id}
          {k.unit ? ` · ${k.unit}` : ''}
          {k.direction === 'higher' ? ` · ${t('comparator.directionHigher')}` : ''}
          {k.direction === 'lower' ? ` · ${t('comparator.directionLower')}` : ''}
        </span>
      </th>
      <td>{row.period ?? '–'}</td>
      <td class="num value-cell" data-field="value">
        <CellView ctx={ctx} cell={row.value} decimals={d} />
      </td>
      <td class={`pos-cell pos-cell--${row.position}`} data-field="rank">
        <PositionView ctx={ctx} position={row.position} rank={row.rank} />
      </td>
      <td class="num" data-field="women">
        <CellView ctx={ctx} cell={row.women} decimals={d} />
      </td>
      <td class="num" data-field="men">
        <CellView ctx={ctx} cell={row.men} decimals={d} />
      </td>
      <td class="num ref-col" data-field="reference">
        <CellView ctx={ctx} cell={meanCell(row)} decimals={meanDecimals(d)} />
        {row.reference.value !== null && <span class="count-note">{`n = ${row.reference.count}`}</span>}
      </td>
      <td class="num" data-field="riket">
        <CellView ctx={ctx} cell={row.riket} decimals={d} />
      </td>
      <td>
        <Sparkline ctx={ctx} points={row.trend} />
      </td>
    </tr>
  );
}

export function meanCell(row: ProfileRow): Cell {
  if (row.reference.value !== null) return { value: row.reference.value, symbol: null };
  return { value: null, symbol: row.value.symbol === '.' ? '.' : '-' };
}

function ProfileControls({ ctx, view }: { ctx: PageContext; view: ProfileView }) {
  const { t } = ctx;
  const { model } = view;
  const options = model.referenceOptions;
  const chosen = model.reference.option.param;
  const byKind = (kind: ReferenceOption['kind']) => options.filter((o) => o.kind === kind);
  const extra = model.reference.option.kind === 'grupp' ? [model.reference.option] : [];
  return (
    <ControlsForm ctx={ctx} action={`/kommun/${model.municipality.id}`}>
      <YearSelect ctx={ctx} years={model.years} chosen={model.year} />
      <div class="field">
        <label for="ref">{t('comparator.reference')}</label>
        <select id="ref" name="ref">
          <option value="alla" selected={chosen === 'alla'}>
            {t('comparator.referenceAll')}
          </option>
          {[
            [t('comparator.referenceLan'), byKind('lan')] as const,
            [t('comparator.referenceKommungrupp'), byKind('kommungrupp')] as const,
            [t('comparator.referenceSimilar'), byKind('liknande')] as const,
            [t('comparator.referenceGroup'), extra] as const,
          ]
            .filter(([, list]) => list.length > 0)
            .map(([label, list]) => (
              <optgroup label={label}>
                {list.map((o) => (
                  <option value={o.param} selected={chosen === o.param}>
                    {referenceLabel(t, o)}
                  </option>
                ))}
              </optgroup>
            ))}
          <option value="urval" selected={chosen === 'urval'}>
            {t('comparator.referenceCustom')}
          </option>
        </select>
      </div>
      <WideTextField
        id="urval"
        label={t('comparator.customSelection')}
        value={view.selectionText}
        hint={t('comparator.customSelectionHint')}
      />
      <SubmitField label={t('layout.show')} />
    </ControlsForm>
  );
}

function ReferenceMembers({ ctx, view }: { ctx: PageContext; view: ProfileView }) {
  const { t } = ctx;
  const { reference } = view.model;
  const names = reference.members.map((id) => view.catalog.byId.get(id)?.title ?? id);
  return (
    <div class="reference-members">
      {reference.unknown.length > 0 && (
        <p class="error" role="alert">
          {t('comparator.unknownKommuner')}: {reference.unknown.join(', ')}
        </p>
      )}
      {reference.option.kind !== 'alla' && (
        <details>
          <summary>
            {t('comparator.referenceMembers')}: {referenceLabel(t, reference.option)} (
            {num(ctx, names.length)})
          </summary>
          <p>{names.sort((a, b) => a.localeCompare(b, 'sv')).join(', ')}</p>
        </details>
      )}
    </div>
  );
}
