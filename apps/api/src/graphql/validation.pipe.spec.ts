import { describe, expect, it } from '@jest/globals';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, Min, ValidateNested, getMetadataStorage } from 'class-validator';
import { DomainException } from '#core';
import { InputValidationPipe, rememberRuleLookups } from './validation.pipe.js';

class Line {
  @IsInt()
  @Min(1)
  quantity!: number;
}

class Order {
  @ValidateNested({ each: true })
  @Type(() => Line)
  lines!: Line[];
}

const pipe = new InputValidationPipe();
const check = (value: unknown, metatype: new () => unknown) =>
  pipe.transform(value, { type: 'body', metatype, data: 'input' });

async function problems(value: unknown, metatype: new () => unknown): Promise<unknown> {
  try {
    await check(value, metatype);
    return [];
  } catch (error) {
    return (error as DomainException).details.fields;
  }
}

describe('InputValidationPipe', () => {
  it('reports every problem of a list of nested inputs, by path, however often it runs', async () => {
    const order = { lines: [{ quantity: 2 }, { quantity: 0 }, { quantity: 1 }, { quantity: 0 }] };
    const expected = [
      { path: 'input.lines.1.quantity', message: 'quantity must not be less than 1' },
      { path: 'input.lines.3.quantity', message: 'quantity must not be less than 1' },
    ];
    expect(await problems(order, Order)).toEqual(expected);
    expect(await problems(order, Order)).toEqual(expected);
    expect(await check({ lines: [{ quantity: 3 }] }, Order)).toBeInstanceOf(Order);
  });

  it('sees rules added after a lookup was remembered', async () => {
    rememberRuleLookups(); // a second call changes nothing
    class Contact {
      email!: string;
    }
    // No rules yet: anything passes, and that lookup is remembered.
    expect(getMetadataStorage().getTargetValidationMetadatas(Contact, '', true, false)).toEqual([]);
    IsEmail()(Contact.prototype, 'email');
    expect(await problems({ email: 'not an email' }, Contact)).toEqual([
      { path: 'input.email', message: 'email must be an email' },
    ]);
  });
});
