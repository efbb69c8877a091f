import { InvalidArgumentError } from 'commander';
import { WhatIfScenario } from '@groupcap/domain';

const SETTINGS = ['groupCapRatio', 'singleCustomerCapRatio'] as const;
type Setting = (typeof SETTINGS)[number];

/**
 * "groupCapRatio=0.12,singleCustomerCapRatio=0.08". Only the cap ratios: the equity control threshold decides
 * grouping, which the log records as group events, so replaying facts under another one would mean nothing.
 */
export function policyOption(value: string): Pick<WhatIfScenario, Setting> {
  const scenario: Pick<WhatIfScenario, Setting> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const match = /^([A-Za-z]+)=(.+)$/.exec(part);
    if (!match) throw new InvalidArgumentError(`"${part}" is not setting=value.`);
    const [, setting, ratio] = match;
    if (!SETTINGS.includes(setting as Setting)) {
      const why = setting === 'equityControlThreshold' ? ' (it decides grouping, which the log records as group events)' : '';
      throw new InvalidArgumentError(`"${setting}" cannot be replayed${why}; the settings are ${SETTINGS.join(', ')}.`);
    }
    if ((setting as Setting) in scenario) throw new InvalidArgumentError(`${setting} is given twice.`);
    scenario[setting as Setting] = ratio;
  }
  if (Object.keys(scenario).length === 0) throw new InvalidArgumentError(`name at least one of ${SETTINGS.join(', ')}.`);
  return scenario;
}
