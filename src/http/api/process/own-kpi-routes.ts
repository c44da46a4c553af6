/**
 * The own KPIs on demand (inside the people API, so Process off answers 503): the organisation's
 * Process admin recomputes its own KPIs now; anyone else gets the 404 of an unknown organisation.
 * The nightly job does the same for every organisation (docs/own-kpis.md).
 */
import { type Static, Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';
import { type Actor, can, NotFoundError } from '../../../accounts/actor.js';
import { AuditLog } from '../../../accounts/audit-log.js';
import type { OwnKpiService } from '../../../domain/process/outcomes/own-kpi.service.js';
import type { Store } from '../../../store/database.js';

const OrgParams = Type.Object({ org: Type.String({ maxLength: 60 }) });

export async function ownKpiRoutes(
  app: FastifyInstance,
  deps: { store: Store; ownKpis: () => OwnKpiService },
) {
  app.post<{ Params: Static<typeof OrgParams> }>(
    '/api/organisations/:org/own-kpis/recompute',
    {
      config: { permission: 'signed-in' },
      schema: {
        tags: ['process'],
        summary:
          "Recompute the organisation's own KPIs (E…, origin local) from its Process outcomes now, as the nightly run does: {organisations, skipped (not a municipality), people, events, cells, suppressed, changed, seconds}. Its Process admin; anyone else 404. Audited (own-kpi.recompute).",
        params: OrgParams,
      },
    },
    async (request) => {
      const actor = request.actor as Actor;
      const organisation = request.params.org;
      if (!can(actor, 'process.admin', organisation)) throw new NotFoundError('no such organisation');
      const result = await deps.ownKpis().recompute({ organisation });
      await new AuditLog(deps.store.repositories).record({
        actor,
        action: 'own-kpi.recompute',
        organisationId: organisation,
        target: { type: 'organisation', id: organisation },
        ip: request.ip,
        detail: { changed: result.changed, cells: result.cells },
      });
      return result;
    },
  );
}
