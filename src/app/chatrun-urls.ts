/**
 * Every link chatrun puts in a chat message or a page, built in one place
 * so the web routes (src/http) and the messages agree. GitLab's shapes,
 * so the links read familiarly: /<project>/-/jobs/<id>.
 */
export function jobUrl(externalUrl: string, projectPath: string, jobId: number): string {
  return `${externalUrl}/${projectPath}/-/jobs/${jobId}`;
}

export function pipelineUrl(externalUrl: string, projectPath: string, pipelineId: number): string {
  return `${externalUrl}/${projectPath}/-/pipelines/${pipelineId}`;
}

export function projectUrl(externalUrl: string, projectPath: string): string {
  return `${externalUrl}/${projectPath}`;
}

/** The page where a chat user signs in and confirms linking their chat account. */
export function chatLinkUrl(externalUrl: string, token: string): string {
  return `${externalUrl}/-/chat/link/${encodeURIComponent(token)}`;
}
