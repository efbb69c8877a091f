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

const LARGE_EXPOSURE_SETTINGS = ['tier1SingleClientRatio', 'singleClientLoanRatio', 'tier1ConnectedGroupRatio', 'tier1InterbankRatio'] as const;
export type LargeExposureSetting = (typeof LARGE_EXPOSURE_SETTINGS)[number];

/**
 * The 2018 regime's cap ratios for what-if --regime nfra-2018, e.g. "tier1ConnectedGroupRatio=0.18". The 2010 ratios
 * belong to the other regime; largeExposureRatio only draws the G14 threshold, not a cap.
 */
export function largeExposurePolicyOption(value: string): Partial<Record<LargeExposureSetting, string>> {
  const scenario: Partial<Record<LargeExposureSetting, string>> = {};
  for (const part of value.split(',').map((p) => p.trim()).filter((p) => p !== '')) {
    const match = /^([A-Za-z0-9]+)=(.+)$/.exec(part);
    if (!match) throw new InvalidArgumentError(`"${part}" is not setting=value.`);
    const [, setting, ratio] = match;
    if (!LARGE_EXPOSURE_SETTINGS.includes(setting as LargeExposureSetting)) {
      const why = (SETTINGS as readonly string[]).includes(setting) ? ' under --regime nfra-2018 (it is a cbrc-2010 cap)' : '';
      throw new InvalidArgumentError(`"${setting}" cannot be replayed${why}; the settings are ${LARGE_EXPOSURE_SETTINGS.join(', ')}.`);
    }
    if ((setting as LargeExposureSetting) in scenario) throw new InvalidArgumentError(`${setting} is given twice.`);
    scenario[setting as LargeExposureSetting] = ratio;
  }
  if (Object.keys(scenario).length === 0) throw new InvalidArgumentError(`name at least one of ${LARGE_EXPOSURE_SETTINGS.join(', ')}.`);
  return scenario;
}
