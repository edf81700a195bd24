import { describe, expect, it } from '@jest/globals';
import { DomainException, ErrorCode } from '#core';
import { FindingStatus as S } from './finding.entity.js';
import {
  assertFindingMove,
  canMoveFinding,
  isOpenFinding,
  riskAcceptanceExpired,
} from './finding-status.js';

const today = '2030-06-15';
const none = { riskAcceptance: null, today };
const holding = { riskAcceptance: { expiresOn: '2030-06-15' }, today };
const lapsed = { riskAcceptance: { expiresOn: '2030-06-14' }, today };

describe('finding status machine', () => {
  const legal: Array<[S, S]> = [
    [S.Open, S.InRemediation],
    [S.Open, S.Resolved],
    [S.Open, S.RiskAccepted],
    [S.InRemediation, S.Open],
    [S.InRemediation, S.Resolved],
    [S.InRemediation, S.RiskAccepted],
  ];

  it('allows exactly OPEN ⇄ IN_REMEDIATION → RESOLVED | RISK_ACCEPTED', () => {
    const all = Object.values(S);
    for (const from of all) {
      for (const to of all) {
        const expected = legal.some(([a, b]) => a === from && b === to);
        expect([from, to, canMoveFinding(from, to, none)]).toEqual([from, to, expected]);
      }
    }
  });

  it('keeps RESOLVED final, whatever the facts', () => {
    for (const to of Object.values(S)) {
      expect(canMoveFinding(S.Resolved, to, lapsed)).toBe(false);
    }
  });

  it('reopens a risk acceptance only once its expiry date has passed', () => {
    expect(canMoveFinding(S.RiskAccepted, S.Open, holding)).toBe(false);
    expect(canMoveFinding(S.RiskAccepted, S.Open, lapsed)).toBe(true);
    for (const to of [S.InRemediation, S.Resolved, S.RiskAccepted]) {
      expect(canMoveFinding(S.RiskAccepted, to, lapsed)).toBe(false);
    }
  });

  it('refuses an illegal move with CONFLICT naming the current status', () => {
    let error: unknown;
    try {
      assertFindingMove(S.Resolved, S.Open, none);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(DomainException);
    expect((error as DomainException).code).toBe(ErrorCode.Conflict);
    expect((error as DomainException).details).toMatchObject({ current: { status: 'RESOLVED' } });
    expect(() => assertFindingMove(S.RiskAccepted, S.Open, holding)).toThrow(
      /holds until 2030-06-15/,
    );
    expect(() => assertFindingMove(S.Open, S.InRemediation, none)).not.toThrow();
  });

  it('counts OPEN and IN_REMEDIATION as open, and an acceptance as expired after its day', () => {
    expect(Object.values(S).filter(isOpenFinding)).toEqual([S.Open, S.InRemediation]);
    expect(riskAcceptanceExpired(null, today)).toBe(false);
    expect(riskAcceptanceExpired({ expiresOn: today }, today)).toBe(false);
    expect(riskAcceptanceExpired({ expiresOn: '2030-06-14' }, today)).toBe(true);
  });
});
