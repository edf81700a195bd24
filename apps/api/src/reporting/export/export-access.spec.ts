import { describe, expect, it } from '@jest/globals';
import { ApiKeyScope, RequestContext, Role } from '#core';
import { ExportKind } from '#reporting';
import { enforceAccess } from '../../graphql/access/access-rule.js';
import { EXPORT_RULES, REQUEST_EXPORT } from './export-access.js';

const contexts = {
  admin: { kind: 'user', userId: 'u', role: Role.Admin, sessionId: 's' },
  viewer: { kind: 'user', userId: 'u', role: Role.Viewer, sessionId: 's' },
  readKey: { kind: 'apiKey', apiKeyId: 'k', scopes: [ApiKeyScope.Read] },
  keyWithoutRead: { kind: 'apiKey', apiKeyId: 'k', scopes: [] },
  vendorContact: { kind: 'vendorContact', contactId: 'c', vendorId: 'v', assessmentIds: ['a'] },
} as const;

const allowed = (actor: (typeof contexts)[keyof typeof contexts], rule = REQUEST_EXPORT) => {
  const ctx = RequestContext.create({ requestId: 'r', actor, organizationId: 'o' });
  try {
    enforceAccess(ctx, null, rule);
    return true;
  } catch {
    return false;
  }
};

describe('export access', () => {
  it("is each kind's query rule, and requestExport lets in exactly their union", () => {
    for (const kind of Object.values(ExportKind)) {
      const rule = EXPORT_RULES[kind];
      expect(rule.public).toBeFalsy();
      expect(rule.vendorContact).toBeFalsy();
      expect([...(rule.roles ?? [])].sort()).toEqual([...(REQUEST_EXPORT.roles ?? [])].sort());
      expect(rule.apiKey).toBe(REQUEST_EXPORT.apiKey);
    }
  });

  it('lets members and read keys in, and keeps vendor contacts and keys without read out', () => {
    for (const kind of Object.values(ExportKind)) {
      expect(allowed(contexts.admin, EXPORT_RULES[kind])).toBe(true);
      expect(allowed(contexts.viewer, EXPORT_RULES[kind])).toBe(true);
      expect(allowed(contexts.readKey, EXPORT_RULES[kind])).toBe(true);
      expect(allowed(contexts.keyWithoutRead, EXPORT_RULES[kind])).toBe(false);
      expect(allowed(contexts.vendorContact, EXPORT_RULES[kind])).toBe(false);
    }
  });
});
