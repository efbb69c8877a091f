import { BreachRow } from '../as-of/as-of.queries';
import { BreachReadModel } from '../read-models.port';

/** An open breach: the figures recorded when it began, and its business date. */
export function breachView(row: BreachRow): BreachReadModel {
  return { groupId: row.group_id, customerId: row.customer_id, basis: row.basis, measure: row.measure, cap: row.cap, since: row.effective_date };
}
