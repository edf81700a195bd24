/** pg's own value conversions (CommonJS, untyped): what it sends for a parameter. */
declare module 'pg/lib/utils.js' {
  const utils: { prepareValue(value: unknown): string | Buffer | null };
  export default utils;
}
