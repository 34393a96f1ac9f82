// Times every ListStore operation for /metrics (rounds_store_query_duration_seconds), by operation name and
// outcome. A Proxy rather than a hand-written delegate, so a method added to ListStore is timed too.
import { storeDuration } from '../metrics.js';
import type { ListStore } from './list-store.js';

export function timedStore(store: ListStore): ListStore {
  return new Proxy(store, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver);
      if (typeof value !== 'function' || typeof property !== 'string') return value;
      const method = value as (...args: unknown[]) => unknown;
      return (...args: unknown[]): unknown => {
        // Started before the call: a store may do some of its work inside it, before it returns a promise.
        const stop = storeDuration.startTimer({ operation: property });
        const result = method.apply(target, args);
        if (!(result instanceof Promise)) return result;
        return result.then(
          (answer: unknown) => {
            stop({ outcome: 'ok' });
            return answer;
          },
          (error: unknown) => {
            stop({ outcome: 'error' });
            throw error;
          },
        );
      };
    },
  });
}
