import { Field, ID, InputType, ObjectType } from '@nestjs/graphql';
import { IsBoolean, IsEmail, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { SessionModel } from './identity.model.js';

@InputType()
export class SignInInput {
  @Field()
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(320)
  email!: string;

  @Field()
  @IsString()
  @MaxLength(256)
  password!: string;

  @Field(() => ID, {
    nullable: true,
    description: 'Which of the user’s organizations to act in; the first joined when omitted.',
  })
  @IsOptional()
  @IsString()
  organizationId?: string | null;
}

@ObjectType()
export class SignInPayload {
  @Field(() => SessionModel)
  session!: SessionModel;
}

@InputType()
export class RefreshSessionInput {
  @Field()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

@ObjectType()
export class RefreshSessionPayload {
  @Field(() => SessionModel)
  session!: SessionModel;
}

@InputType()
export class SignOutInput {
  @Field({
    nullable: true,
    defaultValue: false,
    description: 'Also end every other sign-in of yours in this organization (other devices).',
  })
  @IsOptional()
  @IsBoolean()
  everywhere?: boolean;
}

@ObjectType()
export class SignOutPayload {
  @Field()
  signedOut!: boolean;
}

@InputType()
export class ResetPasswordInput {
  @Field({ description: 'The token from the password link.' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  token!: string;

  @Field()
  @IsString()
  @MaxLength(256)
  newPassword!: string;
}

@ObjectType()
export class ResetPasswordPayload {
  @Field({ description: 'The account whose password is now set: sign in with it.' })
  email!: string;
}
