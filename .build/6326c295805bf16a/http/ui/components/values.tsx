/** Small building blocks for showing values: numbers, Kolada's missing-value symbols, relative position. */
import type { Cell, MissingSymbol } from '../../../domain/comparison/cell.js';
import type { Position, Ranked } from '../../../domain/comparison/ranking.js';
import type { Messages } from '../i18n/messages.js';
import { num, type PageContext } from '../page-context.js';

export function symbolMeaning(t: Messages, symbol: MissingSymbol): string {
  if (symbol === '..') return t.symbolConfidential;
  if (symbol === '.') return t.symbolNotApplicable;
  return t.symbolMissing;
}

/** A number, or Kolada's symbol with its meaning for screen readers and on hover. */
export function CellView({ ctx, cell, decimals }: { ctx: PageContext; cell: Cell; decimals?: number }) {
  if (cell.value !== null) return <span class="num">{num(ctx, cell.value, decimals)}</span>;
  const symbol = cell.symbol ?? '-';
  const meaning = symbolMeaning(ctx.t, symbol);
  return (
    <span class="missing" title={meaning}>
      <span aria-hidden="true">{symbol}</span>
      <span class="visually-hidden">{meaning}</span>
    </span>
  );
}

export const POSITION_SYMBOL: Record<Position, string> = {
  top: '▲',
  middle: '◆',
  bottom: '▼',
  missing: '○',
  none: '',
};

export function positionText(t: Messages, position: Position): string {
  switch (position) {
    case 'top':
      return t.positionTop;
    case 'middle':
      return t.positionMiddle;
    case 'bottom':
      return t.positionBottom;
    case 'missing':
      return t.positionMissing;
    default:
      return t.positionNone;
  }
}

/** Symbol + rank ("▲ 12 av 290"): says the same as the cell colour, so colour is never the only signal. */
export function PositionView({
  ctx,
  position,
  rank,
}: {
  ctx: PageContext;
  position: Position;
  rank: Ranked | null;
}) {
  const { t } = ctx;
  return (
    <span class={`pos pos--${position}`}>
      {POSITION_SYMBOL[position] && (
        <span class="pos__symbol" aria-hidden="true">
          {POSITION_SYMBOL[position]}
        </span>
      )}
      {position !== 'none' && <span class="visually-hidden">{positionText(t, position)}. </span>}
      {rank ? (
        <span class="pos__rank">
          {rank.rank} {t.rankOf} {rank.of}
        </span>
      ) : (
        position === 'none' && <span class="pos__rank">–</span>
      )}
    </span>
  );
}
