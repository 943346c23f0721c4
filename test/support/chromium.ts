import fs from 'node:fs';

export const chromiumPath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const hasChromium = fs.existsSync(chromiumPath);

/**
 * What the browser tests check of a page itself (axe-core, the screenshots, sideways scrolling)
 * does not depend on the database engine: CI's PostgreSQL pass sets TEST_PAGE_CHECKS=0 and leaves
 * them to the PGlite pass, which ran them on the same pages. The flows are checked in both.
 */
export const pageChecks = ((value: string | undefined) => {
  if (value === undefined || value === '' || value === '1') return true;
  if (value === '0') return false;
  throw new Error(`TEST_PAGE_CHECKS must be 0 (off) or 1 (on, the default), not "${value}"`);
})(process.env.TEST_PAGE_CHECKS);
