/**
 * The variables a runner adds at run time (GitLab Runner's predefined
 * CI_BUILDS_DIR, CI_PROJECT_DIR, CI_CONCURRENT_*, CI_SERVER, CI_JOB_STATUS,
 * CI_JOB_TIMEOUT, CI_RUNNER_*), for the shell executor.
 */
import type { CiJobStatus } from './job-environment.js';

export interface RunnerVariablesInput {
  projectDir: string;
  buildsDir: string;
  concurrentId: number;
  timeoutSeconds: number;
  runnerName: string;
  runnerVersion: string;
  status: CiJobStatus;
}

const GO_ARCH: Readonly<Record<string, string>> = { x64: 'amd64', ia32: '386', arm: 'arm', arm64: 'arm64' };

export function runnerVariables(input: RunnerVariablesInput): Record<string, string> {
  return {
    CI_BUILDS_DIR: input.buildsDir,
    CI_PROJECT_DIR: input.projectDir,
    CI_CONCURRENT_ID: String(input.concurrentId),
    CI_CONCURRENT_PROJECT_ID: String(input.concurrentId),
    CI_SERVER: 'yes',
    CI_SHARED_ENVIRONMENT: 'true',
    CI_JOB_STATUS: input.status,
    CI_JOB_TIMEOUT: String(input.timeoutSeconds),
    CI_RUNNER_DESCRIPTION: input.runnerName,
    CI_RUNNER_VERSION: input.runnerVersion,
    CI_RUNNER_EXECUTABLE_ARCH: `${process.platform}/${GO_ARCH[process.arch] ?? process.arch}`,
  };
}
