// /api/ready, for a load balancer: ready when the store (and Redis, when configured) answer, not while draining.
// /api/health stays the liveness probe: the process is up.

/** A probe rejects when its dependency does not answer. */
export type Probe = () => Promise<void>;

/** Each probe gets this long; a dependency slower than this is as good as down for a request. */
const PROBE_TIMEOUT_MS = 2_000;

export class Readiness {
  private isDraining = false;

  constructor(private readonly probes: Readonly<Record<string, Probe>> = {}) {}

  /** After SIGTERM: the balancer should send nothing new here. */
  drain(): void {
    this.isDraining = true;
  }

  /** What keeps this instance from taking requests, in words; empty when it is ready. */
  async problems(): Promise<string[]> {
    if (this.isDraining) return ['shutting down (SIGTERM): draining requests in flight'];
    const results = await Promise.all(
      Object.entries(this.probes).map(async ([name, probe]) => {
        let timer: NodeJS.Timeout | undefined;
        const timeout = new Promise<never>((_resolve, reject) => {
          timer = setTimeout(() => reject(new Error('timeout')), PROBE_TIMEOUT_MS);
        });
        try {
          await Promise.race([probe(), timeout]);
          return undefined;
        } catch {
          return `${name} does not answer`;
        } finally {
          clearTimeout(timer);
        }
      }),
    );
    return results.filter((problem): problem is string => problem !== undefined);
  }
}
