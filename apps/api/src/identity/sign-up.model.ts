import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsEmail, IsEnum, IsString, MaxLength } from 'class-validator';
import { EmailedTokenInput, LocaleModel } from './member.model.js';

@InputType()
export class SignUpInput {
  @Field()
  @IsString()
  @MaxLength(200)
  organizationName!: string;

  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field(() => LocaleModel, { defaultValue: LocaleModel.EN })
  @IsEnum(LocaleModel)
  locale!: LocaleModel;
}

@ObjectType()
export class SignUpPayload {
  @Field({ description: 'Always true: a confirmation goes to the address, whoever owns it.' })
  accepted!: boolean;
}

@InputType()
export class CompleteSignUpInput extends EmailedTokenInput {
  @Field({ description: 'The token from the confirmation email.' })
  @IsString()
  @MaxLength(200)
  token!: string;
}

@ObjectType()
export class CompleteSignUpPayload {
  @Field(() => ID, { description: 'The new organization: pass to signIn to act in it.' })
  organizationId!: string;

  @Field()
  organizationName!: string;

  @Field({ description: 'Its first admin: sign in with it.' })
  email!: string;
}
