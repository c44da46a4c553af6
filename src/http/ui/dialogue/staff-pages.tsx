/**
 * The staff pages of a dialogue (plan.read to see, plan.edit to change): the list with a form for a
 * new dialogue; one dialogue with its phases, workshop entry (a table's notes, one idea per line),
 * moderation (hide with a reason, merge), Swedish renderings, goal areas, answers linked to actions,
 * and the rounds (rules, open, close, codes); and the printable sheet of codes with QR codes.
 */

import { ANSWERS, PHASES } from '../../../domain/dialogue/dialogue.service.js';
import { displayCode } from '../../../domain/dialogue/participant-codes.js';
import type { MessageKey } from '../../../i18n/catalog.js';
import { LOCALE_NAMES, LOCALES } from '../../../i18n/locales.js';
import type {
  DialogueRow,
  IdeaRow,
  PhaseRow,
  RoundRow,
} from '../../../store/repositories/dialogue.repository.js';
import { Layout } from '../components/layout.js';
import { href, type PageContext } from '../page-context.js';
import { answerKey, IdeaText, Outcome } from './participant-pages.js';

const k = (key: string) => key as MessageKey;
const Csrf = ({ csrf, ctx }: { csrf: string; ctx: PageContext }) => (
  <>
    <input type="hidden" name="_csrf" value={csrf} />
    {ctx.lang !== 'sv' && <input type="hidden" name="lang" value={ctx.lang} />}
  </>
);

export function DialogueListPage({
  ctx,
  dialogues,
  organisations,
  plans,
  csrf,
}: {
  ctx: PageContext;
  dialogues: DialogueRow[];
  organisations: string[];
  plans: Array<{ id: number; title: string; organisation_id: string }>;
  csrf: string | null;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('dialogue.staff.listTitle')} downloads={false}>
      <h1>{t('dialogue.staff.listTitle')}</h1>
      <ul>
        {dialogues.map((d) => (
          <li>
            <a href={href(ctx, `/dialog/${d.id}`)}>{d.title}</a> ({d.organisation_id})
          </li>
        ))}
      </ul>
      {csrf && organisations.length > 0 && (
        <form method="post" action="/dialog" class="controls">
          <Csrf csrf={csrf} ctx={ctx} />
          <h2>{t('dialogue.staff.create')}</h2>
          <div class="field field--wide">
            <label for="d-title">{t('dialogue.staff.title')}</label>
            <input id="d-title" name="title" type="text" required />
          </div>
          <div class="field field--wide">
            <label for="d-purpose">{t('dialogue.staff.purpose')}</label>
            <input id="d-purpose" name="purpose" type="text" />
          </div>
          <div class="field">
            <label for="d-org">{t('dialogue.staff.organisation')}</label>
            <select id="d-org" name="organisation">
              {organisations.map((o) => (
                <option value={o}>{o}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="d-plan">{t('dialogue.staff.plan')}</label>
            <select id="d-plan" name="plan">
              <option value="">{t('dialogue.staff.noPlan')}</option>
              {plans.map((p) => (
                <option value={String(p.id)}>{`${p.title} (${p.organisation_id})`}</option>
              ))}
            </select>
          </div>
          <div class="field field--button">
            <button type="submit">{t('dialogue.staff.save')}</button>
          </div>
        </form>
      )}
    </Layout>
  );
}

export interface ManageView {
  dialogue: DialogueRow;
  phases: PhaseRow[];
  ideas: IdeaRow[];
  rounds: RoundRow[];
  areas: Array<{ id: number; code: string | null; title: string }>;
  actions: Array<{ id: number; code: string | null; title: string }>;
  links: Map<number, number[]>;
  csrf: string | null;
}

export function DialogueManagePage({ ctx, view }: { ctx: PageContext; view: ManageView }) {
  const { t } = ctx;
  const { dialogue: d, csrf } = view;
  const action = `/dialog/${d.id}`;
  const Op = ({ op, children }: { op: string; children: preact.ComponentChildren }) =>
    csrf ? (
      <form method="post" action={action} class="inline-form">
        <Csrf csrf={csrf} ctx={ctx} />
        <input type="hidden" name="op" value={op} />
        {children}
      </form>
    ) : null;
  const phase = (p: string) => view.phases.find((x) => x.phase === p);
  return (
    <Layout ctx={ctx} title={d.title} downloads={false}>
      <h1>{d.title}</h1>
      {d.purpose && <p>{d.purpose}</p>}
      <Outcome ctx={ctx} />
      {ctx.params.get('klart') === 'ok' && (
        <p class="notice" role="status">
          {t('dialogue.staff.done')}
        </p>
      )}
      <p>
        <a href={href(ctx, `/forslag/${d.id}`)}>{t('dialogue.staff.publicPage')}</a>
      </p>

      <h2>{t('dialogue.staff.phases')}</h2>
      <Op op="phases">
        <table class="data">
          <tbody>
            {PHASES.map((p) => (
              <tr>
                <th scope="row">{t(k(`dialogue.staff.phase.${p}`))}</th>
                <td>
                  <label for={`${p}-from`}>{t('dialogue.staff.from')}</label>{' '}
                  <input id={`${p}-from`} name={`${p}_from`} type="date" value={phase(p)?.starts_on ?? ''} />
                </td>
                <td>
                  <label for={`${p}-to`}>{t('dialogue.staff.to')}</label>{' '}
                  <input id={`${p}-to`} name={`${p}_to`} type="date" value={phase(p)?.ends_on ?? ''} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="submit">{t('dialogue.staff.save')}</button>
      </Op>

      <h2>{t('dialogue.staff.workshop')}</h2>
      <Op op="workshop">
        <div class="field">
          <label for="w-table">{t('dialogue.staff.table')}</label>
          <input id="w-table" name="table" type="text" required />
        </div>
        <div class="field">
          <label for="w-language">{t('dialogue.idea.language')}</label>
          <select id="w-language" name="language">
            {LOCALES.map((l) => (
              <option value={l}>{LOCALE_NAMES[l]}</option>
            ))}
          </select>
        </div>
        <div class="field field--wide">
          <label for="w-notes">{t('dialogue.staff.notes')}</label>
          <textarea id="w-notes" name="notes" rows={6} required />
        </div>
        <button type="submit">{t('dialogue.staff.addNotes')}</button>
      </Op>

      <h2>{t('dialogue.staff.ideas')}</h2>
      <ol class="staff-ideas">
        {view.ideas.map((i) => (
          <li id={`idea-${i.id}`} value={i.id}>
            <p>
              <IdeaText ctx={ctx} idea={i} />{' '}
              <span class="muted">
                ({i.source}
                {i.table_label ? `, ${i.table_label}` : ''})
              </span>
            </p>
            {i.hidden_at && (
              <p class="error">{t('dialogue.staff.hidden', { reason: i.hidden_reason ?? '' })}</p>
            )}
            {i.merged_into !== null && (
              <p class="muted">{t('dialogue.staff.mergedInto', { id: i.merged_into })}</p>
            )}
            {i.answer && (
              <p>
                <strong>{t(answerKey(i.answer))}</strong>: {i.answer_reason} ({i.answer_by})
              </p>
            )}
            {csrf && (
              <details>
                <summary>{t('dialogue.staff.answer')} …</summary>
                <Op op="translate">
                  <input type="hidden" name="idea" value={String(i.id)} />
                  <label for={`sv-${i.id}`}>{t('dialogue.staff.translation')}</label>{' '}
                  <input id={`sv-${i.id}`} name="text_sv" type="text" value={i.text_sv ?? ''} />{' '}
                  {view.areas.length > 0 && (
                    <>
                      <label for={`node-${i.id}`}>{t('dialogue.staff.goalArea')}</label>{' '}
                      <select id={`node-${i.id}`} name="node">
                        <option value="">–</option>
                        {view.areas.map((a) => (
                          <option
                            value={String(a.id)}
                            selected={a.id === i.node_id}
                          >{`${a.code ?? ''} ${a.title}`}</option>
                        ))}
                      </select>
                    </>
                  )}
                  <button type="submit">{t('dialogue.staff.save')}</button>
                </Op>
                <Op op="answer">
                  <input type="hidden" name="idea" value={String(i.id)} />
                  <label for={`answer-${i.id}`}>{t('dialogue.staff.answer')}</label>{' '}
                  <select id={`answer-${i.id}`} name="answer">
                    {ANSWERS.map((a) => (
                      <option value={a} selected={a === i.answer}>
                        {t(answerKey(a))}
                      </option>
                    ))}
                  </select>{' '}
                  <label for={`reason-${i.id}`}>{t('dialogue.staff.reason')}</label>{' '}
                  <input
                    id={`reason-${i.id}`}
                    name="reason"
                    type="text"
                    value={i.answer_reason ?? ''}
                    required
                  />{' '}
                  <label for={`by-${i.id}`}>{t('dialogue.staff.decidedBy')}</label>{' '}
                  <input id={`by-${i.id}`} name="decided_by" type="text" value={i.answer_by ?? ''} required />
                  {view.actions.length > 0 && (
                    <fieldset>
                      <legend>{t('dialogue.staff.linkActions')}</legend>
                      {view.actions.map((a) => (
                        <label class="check">
                          <input
                            type="checkbox"
                            name="actions"
                            value={String(a.id)}
                            checked={view.links.get(i.id)?.includes(a.id)}
                          />{' '}
                          {`${a.code ?? ''} ${a.title}`}
                        </label>
                      ))}
                    </fieldset>
                  )}
                  <button type="submit">{t('dialogue.staff.save')}</button>
                </Op>
                {i.hidden_at ? (
                  <Op op="unhide">
                    <input type="hidden" name="idea" value={String(i.id)} />
                    <button type="submit">{t('dialogue.staff.unhide')}</button>
                  </Op>
                ) : (
                  <Op op="hide">
                    <input type="hidden" name="idea" value={String(i.id)} />
                    <label for={`hide-${i.id}`}>{t('dialogue.staff.reason')}</label>{' '}
                    <input id={`hide-${i.id}`} name="reason" type="text" required />{' '}
                    <button type="submit">{t('dialogue.staff.hide')}</button>
                  </Op>
                )}
                {i.merged_into === null && (
                  <Op op="merge">
                    <input type="hidden" name="idea" value={String(i.id)} />
                    <label for={`merge-${i.id}`}>{t('dialogue.staff.mergeInto')}</label>{' '}
                    <input id={`merge-${i.id}`} name="into" type="number" min={1} required />{' '}
                    <button type="submit">{t('dialogue.staff.merge')}</button>
                  </Op>
                )}
              </details>
            )}
          </li>
        ))}
      </ol>

      <h2>{t('dialogue.staff.rounds')}</h2>
      <ul>
        {view.rounds.map((r) => (
          <li>
            <strong>{r.title}</strong> – {t(k(`dialogue.staff.method.${r.method}`))}
            {r.method === 'dots' && ` (${r.dots}/${r.max_per_idea})`} –{' '}
            {t(k(`dialogue.staff.state.${r.state}`))}{' '}
            <a href={href(ctx, `/delta/${r.id}/resultat`)}>{t('dialogue.vote.results')}</a>
            {r.state === 'draft' && (
              <Op op="open">
                <input type="hidden" name="round" value={String(r.id)} />
                <button type="submit">{t('dialogue.staff.open')}</button>
              </Op>
            )}
            {r.state === 'open' && (
              <Op op="close">
                <input type="hidden" name="round" value={String(r.id)} />
                <button type="submit">{t('dialogue.staff.close')}</button>
              </Op>
            )}
            {r.state !== 'closed' && csrf && (
              <form method="post" action={`/dialog/${d.id}/omgang/${r.id}/koder`} class="inline-form">
                <Csrf csrf={csrf} ctx={ctx} />
                <label for={`codes-${r.id}`}>{t('dialogue.staff.codeCount')}</label>{' '}
                <input id={`codes-${r.id}`} name="count" type="number" min={1} max={500} value="30" />{' '}
                <button type="submit">{t('dialogue.staff.codes')}</button>
              </form>
            )}
          </li>
        ))}
      </ul>
      <Op op="round">
        <h3>{t('dialogue.staff.newRound')}</h3>
        <label for="r-title">{t('dialogue.staff.title')}</label>{' '}
        <input id="r-title" name="title" type="text" />{' '}
        <label for="r-method">{t('dialogue.staff.method')}</label>{' '}
        <select id="r-method" name="method">
          <option value="pairwise">{t('dialogue.staff.method.pairwise')}</option>
          <option value="dots">{t('dialogue.staff.method.dots')}</option>
        </select>{' '}
        <label for="r-dots">{t('dialogue.staff.dots')}</label>{' '}
        <input id="r-dots" name="dots" type="number" min={1} max={100} value="5" />{' '}
        <label for="r-max">{t('dialogue.staff.maxPerIdea')}</label>{' '}
        <input id="r-max" name="max_per_idea" type="number" min={1} max={100} value="2" />{' '}
        <label class="check">
          <input type="checkbox" name="hide_counts" value="1" /> {t('dialogue.staff.hideCounts')}
        </label>{' '}
        <label class="check">
          <input type="checkbox" name="allow_ideas" value="1" /> {t('dialogue.staff.allowIdeas')}
        </label>{' '}
        <button type="submit">{t('dialogue.staff.save')}</button>
      </Op>
    </Layout>
  );
}

/** A sheet to print and cut: each code with its QR code (the entry page with the code filled in). */
export function CodesPage({
  ctx,
  title,
  codes,
  entryUrl,
}: {
  ctx: PageContext;
  title: string;
  codes: Array<{ code: string; svg: string }>;
  entryUrl: string;
}) {
  const { t } = ctx;
  return (
    <Layout ctx={ctx} title={t('dialogue.staff.codesTitle')} downloads={false}>
      <h1>
        {t('dialogue.staff.codesTitle')}: {title}
      </h1>
      <ul class="code-sheet">
        {codes.map((c) => (
          <li>
            {/* Raw HTML is safe here: the SVG is made by the qrcode library from our own URL. */}
            <span
              class="code-qr"
              role="img"
              aria-label={`QR ${displayCode(c.code)}`}
              dangerouslySetInnerHTML={{ __html: c.svg }}
            />
            <span class="code-text">{displayCode(c.code)}</span>
            <span class="hint">{t('dialogue.staff.codesHint', { url: entryUrl })}</span>
          </li>
        ))}
      </ul>
    </Layout>
  );
}
