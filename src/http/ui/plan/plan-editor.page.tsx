/**
 * The editor `/plan/{id}/redigera` for strategists: the tree as nested lists where every change is a
 * small form with a button (add, change, move up/down, delete; no drag and drop), an indicator bound
 * to a Kolada KPI or an own measure, actions, who reports on each node, and publishing. Structure
 * changes only on a draft; reporters and publishing on any version.
 */
import type { ComponentChildren } from 'preact';
import { COMPARISONS, DIRECTIONS, TREND_METHODS } from '../../../domain/plan/plan-document.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import type { ReporterRow } from '../../../store/repositories/plan.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { Feedback, keyPart, statusText } from './plan-components.js';
import { typeKey } from './plan-goal.page.js';
import { followupTree, type PlanView, type TreeItem } from './plan-view.js';

interface EditorProps {
  ctx: PageContext;
  view: PlanView;
  csrf: string;
  members: { id: string; email: string; role: string }[];
  reporters: (ReporterRow & { email: string })[];
}

function PostForm({
  ctx,
  props,
  op,
  node,
  class: className,
  children,
}: {
  ctx: PageContext;
  props: EditorProps;
  op: string;
  node?: number;
  class?: string;
  children: ComponentChildren;
}) {
  return (
    <form method="post" action={`/plan/${props.view.plan.id}/redigera`} class={className ?? 'inline-form'}>
      <input type="hidden" name="_csrf" value={props.csrf} />
      <input type="hidden" name="op" value={op} />
      {node !== undefined && <input type="hidden" name="node" value={String(node)} />}
      {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
      {children}
    </form>
  );
}

function Text({
  id,
  name,
  label,
  value,
  required,
}: {
  id: string;
  name: string;
  label: string;
  value?: string;
  required?: boolean;
}) {
  return (
    <div class="field">
      <label for={id}>{label}</label>
      <input type="text" id={id} name={name} value={value ?? ''} required={required} />
    </div>
  );
}

/** Move and delete buttons of an indicator or action in a draft. */
function ItemButtons(p: {
  ctx: PageContext;
  props: EditorProps;
  kind: 'indicator' | 'action';
  id: number;
  label: string;
}) {
  const { t } = p.ctx;
  return (
    <span class="editor-buttons">
      <MoveButtons {...p} />
      <PostForm ctx={p.ctx} props={p.props} op={`delete-${p.kind}`}>
        <input type="hidden" name="item" value={String(p.id)} />
        <button
          type="submit"
          class="button--small button--danger"
          aria-label={`${t('plan.delete')}: ${p.label}`}
        >
          {t('plan.delete')}
        </button>
      </PostForm>
    </span>
  );
}

function MoveButtons({
  ctx,
  props,
  kind,
  id,
  label,
}: {
  ctx: PageContext;
  props: EditorProps;
  kind: string;
  id: number;
  label: string;
}) {
  const { t } = ctx;
  return (
    <>
      {(['up', 'down'] as const).map((d) => (
        <PostForm ctx={ctx} props={props} op={`move-${d}`}>
          <input type="hidden" name="kind" value={kind} />
          <input type="hidden" name="item" value={String(id)} />
          <button
            type="submit"
            class="button--small"
            aria-label={`${t(d === 'up' ? 'plan.moveUp' : 'plan.moveDown')}: ${label}`}
          >
            <span aria-hidden="true">{d === 'up' ? '↑' : '↓'}</span>{' '}
            {t(d === 'up' ? 'plan.moveUp' : 'plan.moveDown')}
          </button>
        </PostForm>
      ))}
    </>
  );
}

function NodeFields({
  ctx,
  prefix,
  values,
}: {
  ctx: PageContext;
  prefix: string;
  values?: {
    code: string | null;
    title: string;
    responsible: string | null;
    type: string;
    description?: string | null;
  };
}) {
  const { t } = ctx;
  return (
    <div class="form-row">
      <Text id={`${prefix}-code`} name="code" label={t('plan.colCode')} value={values?.code ?? ''} />
      <div class="field field--wide">
        <label for={`${prefix}-title`}>{t('plan.planTitle')}</label>
        <input type="text" id={`${prefix}-title`} name="title" value={values?.title ?? ''} required />
      </div>
      <div class="field">
        <label for={`${prefix}-type`}>{t('plan.nodeType')}</label>
        <select id={`${prefix}-type`} name="type">
          <option value="">{t('plan.typeByLevel')}</option>
          {(['malomrade', 'mal', 'delmal'] as const).map((k) => (
            <option value={k} selected={values?.type === k}>
              {t(`plan.type.${k}`)}
            </option>
          ))}
        </select>
      </div>
      <Text
        id={`${prefix}-responsible`}
        name="responsible"
        label={t('plan.responsible')}
        value={values?.responsible ?? ''}
      />
    </div>
  );
}

function EditorNode({
  ctx,
  props,
  item,
  draft,
}: {
  ctx: PageContext;
  props: EditorProps;
  item: TreeItem;
  draft: boolean;
}) {
  const { t } = ctx;
  const n = item.node;
  const row = props.view.contents.nodes.find((x) => x.id === n.id)!;
  const label = `${n.code ? `${n.code} ` : ''}${n.title}`;
  const reporters = props.reporters.filter((r) => r.node_id === n.id);
  const candidates = props.members.filter((m) => !reporters.some((r) => r.user_id === m.id));
  return (
    <li class="editor-node" id={`node-${n.id}`}>
      <div class="editor-node__head">
        <strong>
          {n.code && <span class="plan-code">{n.code}</span>} {n.title}
        </strong>{' '}
        <span class="muted">({t(`plan.type.${typeKey(n.type)}`)})</span>
        {draft && (
          <span class="editor-buttons">
            <MoveButtons ctx={ctx} props={props} kind="node" id={n.id} label={label} />
            <PostForm ctx={ctx} props={props} op="delete-node" node={n.id}>
              <button
                type="submit"
                class="button--small button--danger"
                aria-label={`${t('plan.delete')}: ${label}`}
              >
                {t('plan.delete')}
              </button>
            </PostForm>
          </span>
        )}
      </div>
      <p class="plan-node__meta">
        {t('plan.reporters')}: {reporters.length === 0 ? t('plan.noReporters') : null}
      </p>
      {reporters.length > 0 && (
        <ul class="reporter-list">
          {reporters.map((r) => (
            <li>
              {r.email}{' '}
              <PostForm ctx={ctx} props={props} op="unassign" node={n.id}>
                <input type="hidden" name="user" value={r.user_id} />
                <button
                  type="submit"
                  class="button--small button--secondary"
                  aria-label={`${t('plan.unassign')}: ${r.email}, ${label}`}
                >
                  {t('plan.unassign')}
                </button>
              </PostForm>
            </li>
          ))}
        </ul>
      )}
      {candidates.length > 0 && (
        <PostForm ctx={ctx} props={props} op="assign" node={n.id} class="inline-form">
          <label for={`assign-${n.id}`}>{t('plan.assignLabel')}</label>{' '}
          <select id={`assign-${n.id}`} name="user">
            {candidates.map((m) => (
              <option value={m.id}>
                {m.email} ({m.role})
              </option>
            ))}
          </select>{' '}
          <button type="submit" class="button--small">
            {t('plan.assign')}
          </button>
        </PostForm>
      )}
      {item.indicators.length > 0 && (
        <ul class="editor-items" aria-label={t('plan.indicatorsOf', { title: n.title })}>
          {item.indicators.map((i) => (
            <li>
              {t('plan.kind.indicator')}: {i.code && <span class="plan-code">{i.code}</span>} {i.title}{' '}
              <span class="muted">{i.kolada ? `Kolada ${i.kolada.kpi}` : t('plan.ownMeasure')}</span>
              {draft && <ItemButtons ctx={ctx} props={props} kind="indicator" id={i.id} label={i.title} />}
            </li>
          ))}
        </ul>
      )}
      {item.actions.length > 0 && (
        <ul class="editor-items" aria-label={t('plan.actionsOf', { title: n.title })}>
          {item.actions.map((a) => (
            <li>
              {t('plan.action')}: {a.title} <span class="muted">({statusText(ctx, a.status)})</span>
              {draft && <ItemButtons ctx={ctx} props={props} kind="action" id={a.id} label={a.title} />}
            </li>
          ))}
        </ul>
      )}
      {draft && (
        <>
          <details>
            <summary>{t('plan.changeNode', { title: label })}</summary>
            <PostForm ctx={ctx} props={props} op="update-node" node={n.id} class="editor-form">
              <NodeFields ctx={ctx} prefix={`edit-${n.id}`} values={row} />
              <button type="submit">{t('plan.save')}</button>
            </PostForm>
          </details>
          <details>
            <summary>{t('plan.addIndicatorTo', { title: label })}</summary>
            <PostForm ctx={ctx} props={props} op="add-indicator" node={n.id} class="editor-form">
              <div class="form-row">
                <Text id={`ind-${n.id}-code`} name="code" label={t('plan.colCode')} />
                <div class="field field--wide">
                  <label for={`ind-${n.id}-title`}>{t('plan.planTitle')}</label>
                  <input type="text" id={`ind-${n.id}-title`} name="title" required />
                </div>
              </div>
              <div class="form-row">
                <div class="field">
                  <label for={`ind-${n.id}-kpi`}>{t('plan.kpiField')}</label>
                  <input
                    type="text"
                    id={`ind-${n.id}-kpi`}
                    name="kpi"
                    aria-describedby={`ind-${n.id}-kpi-hint`}
                  />
                  <span class="hint" id={`ind-${n.id}-kpi-hint`}>
                    {t('plan.kpiHint')}
                  </span>
                </div>
                <div class="field">
                  <label for={`ind-${n.id}-gender`}>{t('comparator.gender')}</label>
                  <select id={`ind-${n.id}-gender`} name="gender">
                    <option value="T">{t('comparator.genderT')}</option>
                    <option value="K">{t('comparator.genderK')}</option>
                    <option value="M">{t('comparator.genderM')}</option>
                  </select>
                </div>
                <Text id={`ind-${n.id}-unit`} name="unit" label={t('plan.unit')} />
                <div class="field">
                  <label for={`ind-${n.id}-direction`}>{t('plan.directionLabel')}</label>
                  <select id={`ind-${n.id}-direction`} name="direction">
                    {DIRECTIONS.map((d) => (
                      <option value={d}>{t(`plan.direction.${d}` as MessageKey)}</option>
                    ))}
                  </select>
                </div>
              </div>
              <div class="form-row">
                <div class="field">
                  <label for={`ind-${n.id}-method`}>{t('plan.methodLabel')}</label>
                  <select id={`ind-${n.id}-method`} name="trend_method">
                    {TREND_METHODS.map((m) => (
                      <option value={m}>{t(`plan.method.${keyPart(m)}` as MessageKey)}</option>
                    ))}
                  </select>
                </div>
                <div class="field">
                  <label for={`ind-${n.id}-compare`}>{t('plan.compareLabel')}</label>
                  <select id={`ind-${n.id}-compare`} name="compare_with">
                    <option value="">{t('plan.compareNone')}</option>
                    {COMPARISONS.filter((c) => c !== 'grupp').map((c) => (
                      <option value={c}>{t(`plan.compare.${c}` as MessageKey)}</option>
                    ))}
                  </select>
                </div>
                <Text id={`ind-${n.id}-baseline`} name="baseline" label={t('plan.baselinePeriod')} />
                <div class="field field--wide">
                  <label for={`ind-${n.id}-targets`}>{t('plan.targets')}</label>
                  <input
                    type="text"
                    id={`ind-${n.id}-targets`}
                    name="targets"
                    aria-describedby={`ind-${n.id}-targets-hint`}
                  />
                  <span class="hint" id={`ind-${n.id}-targets-hint`}>
                    {t('plan.targetsHint')}
                  </span>
                </div>
              </div>
              <button type="submit">{t('plan.addIndicator')}</button>
            </PostForm>
          </details>
          <details>
            <summary>{t('plan.addActionTo', { title: label })}</summary>
            <PostForm ctx={ctx} props={props} op="add-action" node={n.id} class="editor-form">
              <div class="form-row">
                <div class="field field--wide">
                  <label for={`act-${n.id}-title`}>{t('plan.planTitle')}</label>
                  <input type="text" id={`act-${n.id}-title`} name="title" required />
                </div>
                <Text id={`act-${n.id}-responsible`} name="responsible" label={t('plan.responsible')} />
                <Text id={`act-${n.id}-start`} name="start" label={t('plan.startDate')} />
                <Text id={`act-${n.id}-due`} name="due" label={t('plan.due')} />
              </div>
              <button type="submit">{t('plan.addAction')}</button>
            </PostForm>
          </details>
        </>
      )}
      {item.children.length > 0 && (
        <ul class="editor-tree">
          {item.children.map((c) => (
            <EditorNode ctx={ctx} props={props} item={c} draft={draft} />
          ))}
        </ul>
      )}
    </li>
  );
}

export function PlanEditorPage(props: EditorProps) {
  const { ctx, view } = props;
  const { t } = ctx;
  const { plan } = view;
  const draft = plan.status === 'draft';
  const tree = followupTree(view.followup);
  return (
    <Layout ctx={ctx} title={t('plan.editorTitle', { title: plan.title })} downloads={false}>
      <p class="eyebrow">
        <a href={href(ctx, `/plan/${plan.id}`)}>{plan.title}</a> · {t(`plan.planStatus.${plan.status}`)} ·{' '}
        {t('plan.version', { n: plan.version })}
      </p>
      <h1>{t('plan.editorTitle', { title: plan.title })}</h1>
      <Feedback ctx={ctx} />
      {!draft && <p class="notice">{t('plan.notDraftNote', { id: plan.id })}</p>}
      <section aria-labelledby="publish-title">
        <h2 id="publish-title">{t('plan.publishTitle')}</h2>
        <p>{plan.is_public === 1 ? t('plan.isPublic') : t('plan.isNotPublic')}</p>
        <PostForm ctx={ctx} props={props} op={plan.is_public === 1 ? 'unpublish' : 'publish'}>
          <button type="submit">{plan.is_public === 1 ? t('plan.unpublish') : t('plan.publish')}</button>
        </PostForm>
        {plan.is_public === 1 && (
          <p>
            <a href={href(ctx, `/uppfoljning/${plan.id}`)}>{t('plan.publicLink')}</a>
          </p>
        )}
      </section>
      <section aria-labelledby="tree-edit-title">
        <h2 id="tree-edit-title">{t('plan.treeEditTitle')}</h2>
        <p class="hint">{t('plan.editorHint')}</p>
        {tree.length === 0 ? (
          <p class="notice">{t('plan.emptyTree')}</p>
        ) : (
          <ul class="editor-tree">
            {tree.map((item) => (
              <EditorNode ctx={ctx} props={props} item={item} draft={draft} />
            ))}
          </ul>
        )}
      </section>
      {draft && (
        <section aria-labelledby="add-node-title">
          <h2 id="add-node-title">{t('plan.addNodeTitle')}</h2>
          <PostForm ctx={ctx} props={props} op="add-node" class="editor-form">
            <div class="field">
              <label for="new-parent">{t('plan.parentLabel')}</label>
              <select id="new-parent" name="parent">
                <option value="">{t('plan.parentNone')}</option>
                {view.followup.nodes.map((n) => (
                  <option value={String(n.id)}>
                    {'– '.repeat(n.depth)}
                    {n.code ? `${n.code} ` : ''}
                    {n.title}
                  </option>
                ))}
              </select>
            </div>
            <NodeFields ctx={ctx} prefix="new" />
            <button type="submit">{t('plan.addNode')}</button>
          </PostForm>
        </section>
      )}
    </Layout>
  );
}
