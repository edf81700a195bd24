import { describe, expect, it } from '@jest/globals';
import {
  BoundedLabelValues,
  OTHER_LABEL,
  errorCodeLabel,
  httpMethodLabel,
  operationNameLabel,
  operationTypeLabel,
  statusClassLabel,
} from './metric-labels.js';

describe('operationNameLabel', () => {
  it('keeps GraphQL names, cut to 64 characters', () => {
    expect(operationNameLabel('VendorList')).toBe('VendorList');
    expect(operationNameLabel('_private2')).toBe('_private2');
    expect(operationNameLabel(`A${'b'.repeat(100)}`)).toBe(`A${'b'.repeat(63)}`);
  });

  it('calls a missing name anonymous and anything else a client sent invalid', () => {
    expect(operationNameLabel(null)).toBe('anonymous');
    expect(operationNameLabel(undefined)).toBe('anonymous');
    expect(operationNameLabel('')).toBe('anonymous');
    for (const junk of ['1st', 'a-b', 'a b', 'x"}\n', 'ü', '{evil="1"}']) {
      expect(operationNameLabel(junk)).toBe('invalid');
    }
  });
});

describe('operationTypeLabel', () => {
  it('admits the three operation types only', () => {
    expect(operationTypeLabel('query')).toBe('query');
    expect(operationTypeLabel('mutation')).toBe('mutation');
    expect(operationTypeLabel('subscription')).toBe('subscription');
    expect(operationTypeLabel(null)).toBe('unknown');
    expect(operationTypeLabel('QUERY')).toBe('unknown');
  });
});

describe('errorCodeLabel', () => {
  it('keeps upper-case codes and folds anything else into UNKNOWN', () => {
    expect(errorCodeLabel('CONFLICT')).toBe('CONFLICT');
    expect(errorCodeLabel('GRAPHQL_VALIDATION_FAILED')).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(errorCodeLabel(undefined)).toBe('UNKNOWN');
    expect(errorCodeLabel(42)).toBe('UNKNOWN');
    expect(errorCodeLabel('conflict')).toBe('UNKNOWN');
    expect(errorCodeLabel(`A${'B'.repeat(64)}`)).toBe('UNKNOWN');
  });
});

describe('statusClassLabel and httpMethodLabel', () => {
  it('reduce statuses to their class and methods to the usual ones', () => {
    expect(statusClassLabel(200)).toBe('2xx');
    expect(statusClassLabel(404)).toBe('4xx');
    expect(statusClassLabel(503)).toBe('5xx');
    expect(statusClassLabel(0)).toBe('unknown');
    expect(statusClassLabel(600)).toBe('unknown');
    expect(httpMethodLabel('get')).toBe('GET');
    expect(httpMethodLabel('PROPFIND')).toBe('OTHER');
    expect(httpMethodLabel(undefined)).toBe('OTHER');
  });
});

describe('BoundedLabelValues', () => {
  it('admits the first values up to the cap, then answers other for new ones only', () => {
    const names = new BoundedLabelValues(3, new Set(['anonymous']));
    expect(['a', 'b', 'a', 'c'].map((name) => names.label(name))).toEqual(['a', 'b', 'a', 'c']);
    expect(names.label('d')).toBe(OTHER_LABEL);
    expect(names.label('e')).toBe(OTHER_LABEL);
    expect(names.label('b')).toBe('b');
    expect(names.label('anonymous')).toBe('anonymous');
    expect(names.size).toBe(3);
  });

  it('never holds more than its cap of distinct values, however many arrive', () => {
    const names = new BoundedLabelValues(10);
    const labels = new Set(Array.from({ length: 1_000 }, (_, i) => names.label(`op${i}`)));
    expect(labels.size).toBe(11);
    expect(labels.has(OTHER_LABEL)).toBe(true);
  });
});
