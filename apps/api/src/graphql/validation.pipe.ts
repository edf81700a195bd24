import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, type ValidationError } from 'class-validator';
import { DomainException, type FieldProblem } from '#core';

const ruled = new WeakMap<object, boolean>();

type MetadataStorage = ReturnType<typeof getMetadataStorage>;

/**
 * class-validator looks up the rules of every object it validates afresh, testing the object's
 * class against every class it knows of for inherited rules: for an input holding a list of
 * twenty objects, most of the cost of validating it. The rules of a class change only when
 * rules are added (as classes are defined), so the lookups are remembered until then.
 */
export function rememberRuleLookups(storage: MetadataStorage = getMetadataStorage()): void {
  const patched = storage as MetadataStorage & { rememberedLookups?: true };
  if (patched.rememberedLookups) return;
  patched.rememberedLookups = true;
  const lookUp = storage.getTargetValidationMetadatas.bind(storage);
  const addRule = storage.addValidationMetadata.bind(storage);
  let remembered = new Map<unknown, Map<string, ReturnType<typeof lookUp>>>();
  storage.getTargetValidationMetadatas = (target, schema, always, strictGroups, groups) => {
    if (groups?.length) return lookUp(target, schema, always, strictGroups, groups);
    let byOptions = remembered.get(target);
    if (!byOptions) remembered.set(target, (byOptions = new Map()));
    const key = `${schema}|${always}|${strictGroups}`;
    let rules = byOptions.get(key);
    if (!rules) byOptions.set(key, (rules = lookUp(target, schema, always, strictGroups, groups)));
    return rules;
  };
  storage.addValidationMetadata = (metadata) => {
    remembered = new Map();
    addRule(metadata);
  };
}

rememberRuleLookups();

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
