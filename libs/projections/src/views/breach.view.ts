import { BreachRow } from '../as-of/as-of.queries';
import { BreachReadModel } from '../read-models.port';

/** An open breach: the figures recorded when it began, and its business date. */
export function breachView(row: BreachRow): BreachReadModel {
  return {
    regime: row.regime,
    groupId: row.group_id,
    customerId: row.customer_id,
    connectedGroupId: row.connected_group_id,
    members: row.members === null ? null : (JSON.parse(row.members) as string[]),
    basis: row.basis,
    measure: row.measure,
    cap: row.cap,
    since: row.effective_date,
  };
}
