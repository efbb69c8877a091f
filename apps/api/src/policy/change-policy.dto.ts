import { ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsOptional, IsString, ValidateBy } from 'class-validator';
import type { CcfEntry, Regime } from '@groupcap/domain';
import { REGIMES } from '@groupcap/domain';
import { CommandBodyDto } from '../commands/command-body.dto';
import { IsMoney } from '../validation/is-money.decorator';
import { IsDecimalString } from '../validation/is-decimal-string.decorator';

/** Any of the settings; naming none, or a ratio out of its range, is refused by the domain (INVALID_POLICY). */
export class ChangePolicyDto extends CommandBodyDto {
  @ApiPropertyOptional({ description: 'In (0, 1]', example: '0.15' })
  @IsOptional()
  @IsDecimalString()
  groupCapRatio?: string;

  @ApiPropertyOptional({ description: 'In (0, 1]', example: '0.10' })
  @IsOptional()
  @IsDecimalString()
  singleCustomerCapRatio?: string;

  @ApiPropertyOptional({ description: 'Total comprehensive limit above which a grant needs approval, in yuan', example: '66000000.00' })
  @IsOptional()
  @IsMoney()
  escalationThreshold?: string;

  @ApiPropertyOptional({ description: 'In [0, 1): equity above it is control', example: '0.5' })
  @IsOptional()
  @IsDecimalString()
  equityControlThreshold?: string;

  @ApiPropertyOptional({ description: `The regimes whose caps refuse commands (each measured and its breaches recorded either way): a non-empty subset of ${REGIMES.join(', ')}`, example: ['cbrc-2010', 'nfra-2018'], type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(8)
  @IsString({ each: true })
  regimes?: Regime[];

  @ApiPropertyOptional({ description: '2018: a non-interbank single client, of tier-1 net capital; in (0, 1]', example: '0.15' })
  @IsOptional()
  @IsDecimalString()
  tier1SingleClientRatio?: string;

  @ApiPropertyOptional({ description: '2018: loans to a non-interbank single client, of NET capital; in (0, 1]', example: '0.10' })
  @IsOptional()
  @IsDecimalString()
  singleClientLoanRatio?: string;

  @ApiPropertyOptional({ description: '2018: a group of connected non-interbank clients, of tier-1 net capital; in (0, 1]', example: '0.20' })
  @IsOptional()
  @IsDecimalString()
  tier1ConnectedGroupRatio?: string;

  @ApiPropertyOptional({ description: '2018: an interbank client, single or group, of tier-1 net capital; in (0, 1]', example: '0.25' })
  @IsOptional()
  @IsDecimalString()
  tier1InterbankRatio?: string;

  @ApiPropertyOptional({ description: '2018: the large-exposure threshold of the G14 report, of tier-1 net capital; in (0, 1]', example: '0.025' })
  @IsOptional()
  @IsDecimalString()
  largeExposureRatio?: string;

  @ApiPropertyOptional({
    description: '2018: credit conversion factors of off-balance products, [{ product, factor }], factor a decimal string in [0, 1]; products not named keep theirs',
    example: [{ product: 'loan-commitment', factor: '0.20' }],
  })
  @IsOptional()
  @IsCcfTable()
  ccf?: CcfEntry[];
}

/**
 * The shape of a factor table: a list (at most one entry per product) of objects with exactly a `product` string and a
 * decimal-string `factor`. Which products may carry a factor and its range are the domain's rule (INVALID_POLICY).
 */
function IsCcfTable(): PropertyDecorator {
  const DECIMAL = /^-?\d+(\.\d+)?$/;
  return ValidateBy({
    name: 'isCcfTable',
    validator: {
      validate: (value: unknown) =>
        Array.isArray(value) &&
        value.length <= 32 &&
        value.every(
          (entry: unknown) =>
            typeof entry === 'object' &&
            entry !== null &&
            !Array.isArray(entry) &&
            Object.keys(entry).length === 2 &&
            typeof (entry as CcfEntry).product === 'string' &&
            typeof (entry as CcfEntry).factor === 'string' &&
            DECIMAL.test((entry as CcfEntry).factor),
        ),
      defaultMessage: () => 'must be a list of { "product": "<off-balance product>", "factor": "<decimal string>" }',
    },
  });
}
