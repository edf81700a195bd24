import { Injectable } from '@nestjs/common';
import { hash, verify, type Algorithm } from '@node-rs/argon2';

/**
 * argon2id with 64 MiB, 3 passes, one lane: 50-200 ms a hash on two cores (BENCHMARKS.md),
 * above OWASP's minimums. Changing them is safe: a hash carries its own parameters.
 */
export const ARGON2_OPTIONS = {
  // Algorithm.Argon2id: the package exports a const enum, which isolated modules cannot read.
  algorithm: 2 as Algorithm,
  memoryCost: 65_536,
  timeCost: 3,
  parallelism: 1,
} as const;

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so that the answer takes as long. */
  private readonly decoy = hash('not a password of anyone', ARGON2_OPTIONS);

  hash(password: string): Promise<string> {
    return hash(password, ARGON2_OPTIONS);
  }

  /** Whether `password` matches `stored`; with no stored hash, spends the same time and says no. */
  async verify(stored: string | null, password: string): Promise<boolean> {
    if (!stored) {
      await verify(await this.decoy, password).catch(() => false);
      return false;
    }
    return verify(stored, password).catch(() => false);
  }
}
