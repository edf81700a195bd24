import { Field, InputType } from '@nestjs/graphql';
import { IsDate, IsOptional, IsString, MaxLength } from 'class-validator';

@InputType()
export class AuditEventFilter {
  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityType?: string;

  @Field({ nullable: true, description: 'Row id of the entity, as in AuditEvent.entityId.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  entityId?: string;

  @Field({ nullable: true, description: 'As in AuditEvent.actorId.' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  actorId?: string;

  @Field({ nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  action?: string;

  @Field({ nullable: true, description: 'Events at or after this time.' })
  @IsOptional()
  @IsDate()
  occurredAfter?: Date;

  @Field({ nullable: true, description: 'Events before this time.' })
  @IsOptional()
  @IsDate()
  occurredBefore?: Date;
}
