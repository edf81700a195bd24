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

@ObjectType('SecondFactorChallenge', {
  description:
    'The password was right; a code from the authenticator (or a recovery code) completes the sign-in.',
})
export class SecondFactorChallengeModel {
  @Field({
    description:
      'Pass to verifySecondFactor (and to enrollSecondFactor when enrollment is required).',
  })
  token!: string;

  @Field()
  expiresAt!: Date;

  @Field({
    description: 'The organization requires a second factor that is not set up yet: enroll first.',
  })
  enrollmentRequired!: boolean;
}

@ObjectType()
export class SignInPayload {
  @Field(() => SessionModel, {
    nullable: true,
    description: 'Null when a second factor is still owed.',
  })
  session!: SessionModel | null;

  @Field(() => SecondFactorChallengeModel, { nullable: true })
  secondFactorChallenge!: SecondFactorChallengeModel | null;
}

@InputType()
export class VerifySecondFactorInput {
  @Field()
  @IsString()
  @MaxLength(2000)
  challengeToken!: string;

  @Field({ nullable: true, description: 'The 6 digits the authenticator shows.' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  code?: string;

  @Field({ nullable: true, description: 'Instead of a code: one unused recovery code.' })
  @IsOptional()
  @IsString()
  @MaxLength(40)
  recoveryCode?: string;
}

@ObjectType()
export class VerifySecondFactorPayload {
  @Field(() => SessionModel)
  session!: SessionModel;

  @Field(() => [String], {
    nullable: true,
    description: 'When this sign-in completed an enrollment: the recovery codes, shown this once.',
  })
  recoveryCodes!: string[] | null;
}

@InputType()
export class EnrollSecondFactorInput {
  @Field({
    nullable: true,
    description: 'When a sign-in requires enrollment: its challenge token.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  challengeToken?: string;
}

@ObjectType()
export class EnrollSecondFactorPayload {
  @Field({ description: 'Base32 secret, to type into an authenticator app.' })
  secret!: string;

  @Field({ description: '`otpauth://` URI, for a QR code.' })
  otpauthUri!: string;
}

@InputType()
export class SecondFactorCodeInput {
  @Field({ description: 'The 6 digits the authenticator shows.' })
  @IsString()
  @MaxLength(10)
  code!: string;
}

@ObjectType()
export class ConfirmSecondFactorPayload {
  @Field(() => [String], { description: 'Ten single-use recovery codes, shown this once.' })
  recoveryCodes!: string[];
}

@ObjectType()
export class DisableSecondFactorPayload {
  @Field()
  disabled!: boolean;
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
