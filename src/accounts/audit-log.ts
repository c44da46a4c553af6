/**
 * Writing and reading the audit log. Every module records its writes (and Process its reads) here:
 *
 *   await audit.record({ actor, action: 'plan.update', organisationId: plan.organisation_id,
 *     target: { type: 'plan', id: plan.id }, detail: { before, after } }, trx);
 *
 * Pass the transaction of the change, so that the change and its entry are written together.
 */

import type { Transaction } from 'kysely';
import type { AuditRow } from '../store/repositories/audit.repository.js';
import type { Repositories } from '../store/repositories/index.js';
import type { Database } from '../store/schema.js';
import type { Actor } from './actor.js';

export interface AuditEntry {
  /** The actor, or who tried (e.g. the e-mail of a failed sign-in); null for the system itself. */
  actor: Actor | { userId: string | null; label: string } | null;
  action: string;
  organisationId?: string | null;
  outcome?: 'ok' | 'refused' | 'failed';
  target?: { type: string; id: string };
  ip?: string | null;
  detail?: Record<string, unknown>;
}

/** An entry as the API and the export give it. */
export interface AuditRecord {
  id: number;
  at: string;
  organisation: string | null;
  actor: string;
  actorUserId: string | null;
  action: string;
  outcome: string;
  target: { type: string; id: string } | null;
  ip: string | null;
  detail: Record<string, unknown>;
}

export class AuditLog {
  constructor(private readonly repositories: Repositories) {}

  async record(entry: AuditEntry, trx?: Transaction<Database>): Promise<void> {
    await (trx ? this.repositories.in(trx) : this.repositories).audit.append({
      at: new Date().toISOString(),
      organisation_id: entry.organisationId ?? null,
      actor_user_id: entry.actor?.userId ?? null,
      actor: entry.actor?.label ?? 'system',
      action: entry.action,
      outcome: entry.outcome ?? 'ok',
      target_type: entry.target?.type ?? null,
      target_id: entry.target?.id ?? null,
      ip: entry.ip ?? null,
      detail: JSON.stringify(entry.detail ?? {}),
    });
  }

  async page(filter: { organisationId?: string; before?: number; limit: number }): Promise<AuditRecord[]> {
    return (await this.repositories.audit.page(filter)).map(presentAudit);
  }

  async forTarget(type: string, id: string): Promise<AuditRecord[]> {
    return (await this.repositories.audit.forTarget(type, id)).map(presentAudit);
  }

  async *export(filter: { organisationId?: string; since?: string }): AsyncGenerator<AuditRecord> {
    for await (const row of this.repositories.audit.all(filter)) yield presentAudit(row);
  }
}

export function presentAudit(row: AuditRow): AuditRecord {
  return {
    id: Number(row.id),
    at: row.at,
    organisation: row.organisation_id,
    actor: row.actor,
    actorUserId: row.actor_user_id,
    action: row.action,
    outcome: row.outcome,
    target: row.target_type && row.target_id ? { type: row.target_type, id: row.target_id } : null,
    ip: row.ip,
    detail: JSON.parse(row.detail) as Record<string, unknown>,
  };
}
