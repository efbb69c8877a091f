import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PagedQuery } from '../reads/paged.query';

export class SearchCustomersQuery extends PagedQuery {
  @ApiPropertyOptional({ description: 'Part of a customer id, name or unified social credit code (case-insensitive)', example: '长江' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  q?: string;
}
