import { RiskClass } from '@groupcap/domain';

/** The domain types the risk class but exports no list of them; this one is checked against the type both ways. */
const ALL: Record<RiskClass, true> = { standard: true, 'low-risk': true };
export const RISK_CLASSES = Object.keys(ALL) as RiskClass[];
