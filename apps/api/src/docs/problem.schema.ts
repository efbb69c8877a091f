import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

class FieldErrorSchema {
  @ApiProperty({ example: 'amount' }) field!: string;
  @ApiProperty({ example: 'money is a decimal string such as "150000000.00", never a JSON number' }) message!: string;
}

/** RFC 9457 problem details as documented in OpenAPI; refusals add their figures (cap, current, requested...). */
export class ProblemSchema {
  @ApiProperty({ example: 'https://groupcap.dev/problems/group-cap-exceeded' }) type!: string;
  @ApiProperty({ example: 'Group cap exceeded' }) title!: string;
  @ApiProperty({ example: 422 }) status!: number;
  @ApiProperty({ example: 'GROUP_CAP_EXCEEDED' }) code!: string;
  @ApiProperty({ example: 'the group would total 160000000.00 against a cap of 150000000.00' }) detail!: string;
  @ApiProperty({ example: '/api/v1/limits' }) instance!: string;
  @ApiPropertyOptional({ type: [FieldErrorSchema], description: 'VALIDATION_FAILED only: every offending field' }) errors?: FieldErrorSchema[];
}
