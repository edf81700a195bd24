import { describe, expect, it } from '@jest/globals';
import { decodeEntities, htmlToText } from './html-text.js';

describe('htmlToText', () => {
  it('leaves plain text alone and says so', () => {
    expect(htmlToText('  Plain   text.  ')).toEqual({ text: 'Plain text.', hadMarkup: false });
  });

  it('strips inline tags and decodes entities', () => {
    expect(
      htmlToText('<b>Sensitive data</b> &mdash; PII &amp; more &lt;b&gt; &#65;&#x42;'),
    ).toEqual({ text: 'Sensitive data \u2014 PII & more <b> AB', hadMarkup: true });
  });

  it('turns paragraphs and list items into lines', () => {
    const html = '<p>First.</p><p>Second:</p><ul><li>one</li><li>two</li></ul>After';
    expect(htmlToText(html).text).toBe('First.\n\nSecond:\n\n- one\n- two\nAfter');
  });

  it('keeps link addresses after their label, once', () => {
    expect(htmlToText("See <a href='https://x.org/a?b=1&amp;c=2'>the spec</a>.").text).toBe(
      'See the spec (https://x.org/a?b=1&c=2).',
    );
    expect(htmlToText('<a href="https://x.org">https://x.org</a>').text).toBe('https://x.org');
  });

  it('keeps a lone "<" that starts no tag and drops comments', () => {
    expect(htmlToText('a < b <!-- hidden <b>x</b> --> c')).toEqual({
      text: 'a < b c',
      hadMarkup: true,
    });
  });
});

describe('decodeEntities', () => {
  it('leaves unknown and invalid references as they are', () => {
    expect(decodeEntities('&bogus; &#0; &#x110000; &quot;')).toBe('&bogus; &#0; &#x110000; "');
  });
});
