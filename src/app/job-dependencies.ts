/**
 * What the job-side use cases (claim, trace, heartbeat, finish, cancel,
 * reap, recover) share: the stores, the settings they read, the clock, and
 * two hooks the server wires — waking the reply delivery worker when a
 * reply was enqueued, and recording metrics when a job finished.
 */
import type { JobRecord } from '../ports/store/pipeline-record.js';
import type { Store } from '../ports/store/store.js';
import type { Clock } from '../ports/clock.js';
import type { AppSettings } from './app-settings.js';

export interface JobDependencies {
  readonly store: Pick<Store, 'pipelines' | 'traces' | 'replies' | 'projects' | 'runners'>;
  readonly settings: Pick<AppSettings, 'externalUrl' | 'projectVariables'>;
  readonly clock: Clock;
  /** A reply was enqueued: deliver it now rather than at the next poll. */
  readonly notifyReplies?: () => void;
  /** A job reached a finished status; `durationSeconds` is undefined when it never started. */
  readonly onJobFinished?: (job: JobRecord, durationSeconds: number | undefined) => void;
}
