import { deliveryFromAnswer, type DeliveryResult } from '../delivery-result.js';
import { postJson } from '../post-json.js';
import { sendHttpRequest, type HttpAnswer } from '../send-http-request.js';
import type { MattermostMessagePayload } from './render-mattermost-message.js';

/**
 * Posting to Mattermost with a bot account's access token, for when the
 * response_url is used up or expired (see postToResponseUrl for that one).
 * `apiUrl` is the server's base URL (its SiteURL); the `/api/v4/…` paths are
 * added here. Calls may run concurrently; a retried post after a lost answer
 * can post twice, so the caller keeps its own "delivered" record. Never throws.
 */
export interface MattermostCreatePostInput {
  readonly apiUrl: string;
  readonly botToken: string;
  readonly channelId: string;
  readonly rootId?: string;
  readonly body: MattermostMessagePayload;
  /** Files already uploaded with mattermostUploadFile. */
  readonly fileIds?: readonly string[];
  readonly timeoutMs?: number;
}

/** POST /api/v4/posts (201 + the post). Delivered carries the post id. */
export async function mattermostCreatePost(input: MattermostCreatePostInput): Promise<DeliveryResult> {
  const post = {
    channel_id: input.channelId,
    message: input.body.text,
    ...(input.rootId ? { root_id: input.rootId } : {}),
    ...(input.body.attachments ? { props: { attachments: input.body.attachments } } : {}),
    ...(input.fileIds && input.fileIds.length > 0 ? { file_ids: input.fileIds } : {}),
  };
  const answer = await postJson(apiPath(input.apiUrl, 'posts'), post, {
    headers: { authorization: `Bearer ${input.botToken}` },
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
  });
  return withId(answer, (json) => json.id);
}

export interface MattermostUploadFileInput {
  readonly apiUrl: string;
  readonly botToken: string;
  readonly channelId: string;
  readonly filename: string;
  readonly content: string;
  readonly timeoutMs?: number;
}

/**
 * POST /api/v4/files (multipart). Delivered carries the file id, to pass to
 * mattermostCreatePost as `fileIds`; an unattached file is cleaned up by
 * Mattermost, so a failed post after it leaks nothing.
 */
export async function mattermostUploadFile(input: MattermostUploadFileInput): Promise<DeliveryResult> {
  const form = new FormData();
  form.set('channel_id', input.channelId);
  form.set('files', new Blob([input.content], { type: 'text/plain' }), input.filename);
  const answer = await sendHttpRequest(apiPath(input.apiUrl, 'files'), {
    headers: { authorization: `Bearer ${input.botToken}`, accept: 'application/json' },
    body: form,
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
  });
  return withId(answer, (json) => {
    const infos = json.file_infos;
    const first: unknown = Array.isArray(infos) ? infos[0] : undefined;
    return typeof first === 'object' && first !== null ? (first as Record<string, unknown>).id : undefined;
  });
}

function apiPath(apiUrl: string, path: string): string {
  return `${apiUrl.replace(/\/+$/, '')}/api/v4/${path}`;
}

function withId(answer: HttpAnswer, pick: (json: Record<string, unknown>) => unknown): DeliveryResult {
  const result = deliveryFromAnswer(answer);
  if (result.kind !== 'delivered' || answer.kind !== 'answered') return result;
  try {
    const json: unknown = JSON.parse(answer.body);
    const id = typeof json === 'object' && json !== null ? pick(json as Record<string, unknown>) : undefined;
    return typeof id === 'string' ? { kind: 'delivered', messageId: id } : result;
  } catch {
    return result;
  }
}
