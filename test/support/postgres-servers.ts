// TEST_DATABASE_URL read as a list: one PostgreSQL server, or several separated by commas (one per
// test worker). Read by vitest.config.ts (how many workers), the global setup (a template on each)
// and the tests (their worker's server), so it imports nothing of vitest's.

/** The server URLs in TEST_DATABASE_URL's order; a malformed one is named. */
export function postgresServerUrls(value: string): string[] {
  const urls = value
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of urls) {
    let parsed: URL;
    try {
      parsed = new URL(u);
    } catch {
      throw new Error(`TEST_DATABASE_URL: "${u}" is not a URL (postgres://user@host:port/database; several servers separated by commas)`);
    }
    if (parsed.protocol !== 'postgres:' && parsed.protocol !== 'postgresql:') throw new Error(`TEST_DATABASE_URL: "${u}" is not a postgres:// URL`);
  }
  return urls;
}
