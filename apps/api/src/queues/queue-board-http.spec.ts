import { describe, expect, it } from '@jest/globals';
import { isCrossOriginWrite, readCookie } from './queue-board-http.js';

describe('readCookie', () => {
  it('finds a cookie by its exact name among others', () => {
    const header = 'theme=dark; assay_queue_board_old=x; assay_queue_board=a.b.c ; other=1';
    expect(readCookie(header, 'assay_queue_board')).toBe('a.b.c');
    expect(readCookie(header, 'theme')).toBe('dark');
  });

  it('is undefined without the header, the cookie or a value', () => {
    expect(readCookie(undefined, 'assay_queue_board')).toBeUndefined();
    expect(readCookie('theme=dark', 'assay_queue_board')).toBeUndefined();
    expect(readCookie('assay_queue_board=; theme=dark', 'assay_queue_board')).toBeUndefined();
    expect(readCookie('=assay_queue_board', 'assay_queue_board')).toBeUndefined();
  });
});

describe('isCrossOriginWrite', () => {
  const request = (method: string, site?: string) => ({
    method,
    headers: site ? { 'sec-fetch-site': site } : {},
  });

  it('lets reads through from anywhere', () => {
    expect(isCrossOriginWrite(request('GET', 'cross-site'))).toBe(false);
    expect(isCrossOriginWrite(request('HEAD', 'same-site'))).toBe(false);
  });

  it('refuses changes the browser reports from another origin, even of the same site', () => {
    expect(isCrossOriginWrite(request('PUT', 'same-site'))).toBe(true);
    expect(isCrossOriginWrite(request('POST', 'cross-site'))).toBe(true);
    expect(isCrossOriginWrite(request('DELETE', 'same-origin'))).toBe(false);
    expect(isCrossOriginWrite(request('PUT', 'none'))).toBe(false);
  });

  it('leaves clients without fetch metadata (curl, older browsers) to SameSite=Strict', () => {
    expect(isCrossOriginWrite(request('PUT'))).toBe(false);
  });
});
