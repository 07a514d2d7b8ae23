/**
 * Audit events for what people do to jobs from the web UI or the API
 * (cancel), so the audit log answers "who stopped the deploy?" as it
 * answers "who started it?". Chat commands are audited by their use case.
 */
import type { JobRecord } from '../ports/store/pipeline-record.js';
import type { UserRecord } from '../ports/store/user-store.js';
import type { HttpDeps } from './http-deps.js';

export interface WebAction {
  readonly user: UserRecord;
  readonly action: 'cancel';
  /** What happened: `canceled`, `cancel_requested`. */
  readonly decision: string;
  readonly project: string;
  readonly job: JobRecord;
}

export async function recordWebAction(deps: Pick<HttpDeps, 'store' | 'clock'>, action: WebAction): Promise<void> {
  await deps.store.audit.append({
    at: deps.clock.now(),
    userId: action.user.id,
    username: action.user.username,
    platform: 'web',
    text: `${action.action} #${action.job.id}`,
    decision: action.decision,
    reason: `${action.action} from the web UI or API`,
    projectPath: action.project,
    pipelineId: action.job.pipelineId,
    jobId: action.job.id,
  });
}
