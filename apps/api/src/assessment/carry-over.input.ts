import { Field, InputType } from '@nestjs/graphql';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsString, MaxLength } from 'class-validator';
import { AssessmentIdInput } from './assessment.input.js';

@InputType()
export class ConfirmCarriedOverAnswersInput extends AssessmentIdInput {
  @Field(() => [String], { description: 'Carried-over answers to keep as they are.' })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(500)
  @IsString({ each: true })
  @MaxLength(128, { each: true })
  questionKeys!: string[];
}
