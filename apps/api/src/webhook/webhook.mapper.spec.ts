import { randomUUID } from 'node:crypto';
import { describe, expect, it } from '@jest/globals';
import { webhookGlobalId } from '#webhook';
import { fromGlobalId, toGlobalId } from '../graphql/relay/global-id.js';

describe('webhook payload ids', () => {
  it('are the global ids the API issues, so a receiver can fetch the object with node(id:)', () => {
    for (const type of ['Assessment', 'Agreement', 'Vendor', 'Organization', 'Finding']) {
      const id = randomUUID();
      expect(webhookGlobalId(type, id)).toBe(toGlobalId(type, id));
      expect(fromGlobalId(webhookGlobalId(type, id), { path: 'id', expectedType: type })).toEqual({
        typeName: type,
        id,
      });
    }
  });
});
