import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { DomainException, type FieldProblem } from '#core';

const ruled = new WeakMap<object, boolean>();

/**
 * Inputs carry class-validator rules; parents (output models) and context values never do. The
 * pipe runs for every argument of every field resolver, so the answer is kept per type.
 */
function hasRules(type: new (...args: never[]) => unknown): boolean {
  let answer = ruled.get(type);
  if (answer === undefined) {
    answer = getMetadataStorage().getTargetValidationMetadatas(type, '', true, false).length > 0;
    ruled.set(type, answer);
  }
  return answer;
}

function flatten(errors: ValidationError[], prefix: string): FieldProblem[] {
  return errors.flatMap((error) => {
    const path = prefix ? `${prefix}.${error.property}` : error.property;
    const own = Object.values(error.constraints ?? {}).map((message) => ({ path, message }));
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

/**
 * Validates GraphQL arguments with their class-validator rules and reports every problem as
 * BAD_USER_INPUT with the field's path (`input.delaySeconds`).
 */
@Injectable()
export class InputValidationPipe implements PipeTransform {
  async transform(value: unknown, metadata: ArgumentMetadata): Promise<unknown> {
    const type = metadata.metatype;
    if (!type || value === null || typeof value !== 'object' || !hasRules(type)) return value;
    const instance = plainToInstance(type, value) as object;
    const errors = await validate(instance, { whitelist: true, forbidUnknownValues: false });
    if (errors.length > 0) {
      // Named arguments (`input`) prefix the path; @Args() classes spread their fields.
      throw DomainException.badUserInput('Invalid input', flatten(errors, metadata.data ?? ''));
    }
    return instance;
  }
}
