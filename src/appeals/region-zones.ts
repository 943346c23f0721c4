// The regions and their time zones, as every filing and every deadline needs them: read through the
// regions module and kept a minute (regions change about never; a filing must not cost queries).
const KEEP_MS = 60_000;

export class RegionZones {
  private zones: { byCode: Map<string, string>; at: number } | undefined;
  private loading: Promise<Map<string, string>> | undefined;

  constructor(private readonly load: () => Promise<{ code: string; timezone: string }[]>) {}

  private async read(): Promise<Map<string, string>> {
    if (this.zones && Date.now() - this.zones.at < KEEP_MS) return this.zones.byCode;
    this.loading ??= this.load()
      .then((list) => {
        const byCode = new Map(list.map((r) => [r.code, r.timezone]));
        this.zones = { byCode, at: Date.now() };
        return byCode;
      })
      .finally(() => (this.loading = undefined));
    return this.loading;
  }

  async exists(code: string): Promise<boolean> {
    return (await this.read()).has(code);
  }

  /** A region's zone; Moscow's for the federal level or a region it does not know. */
  async zone(code: string): Promise<string> {
    return (await this.read()).get(code) ?? 'Europe/Moscow';
  }
}
