import type { DeliveryResult } from '../delivery-result.js';
import { postJson } from '../post-json.js';
import { sendHttpRequest } from '../send-http-request.js';
import type { SlackMessagePayload } from './render-slack-message.js';
import { readSlackApiAnswer, slackApiMethodUrl } from './slack-web-api.js';

/**
 * Posting to Slack with a bot token, for when the response_url is used up
 * or expired (see postToResponseUrl for the response_url itself). Calls are
 * independent and may run concurrently; none is idempotent on Slack's side
 * (a retried post after a lost answer can post twice), so the caller keeps
 * its own "delivered" record. Never throws.
 */
export interface SlackPostMessageInput {
  /** e.g. https://slack.com/api (config chat.slack.api_url). */
  readonly apiUrl: string;
  readonly botToken: string;
  readonly channel: string;
  readonly threadTs?: string;
  readonly body: SlackMessagePayload;
  readonly timeoutMs?: number;
}

/** chat.postMessage. Delivered carries the message `ts` as messageId. */
export async function slackPostMessage(input: SlackPostMessageInput): Promise<DeliveryResult> {
  // response_type means nothing here: an API post is always in the channel.
  const payload = {
    channel: input.channel,
    text: input.body.text,
    blocks: input.body.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(input.threadTs ? { thread_ts: input.threadTs } : {}),
  };
  const answer = await postJson(slackApiMethodUrl(input.apiUrl, 'chat.postMessage'), payload, {
    headers: { authorization: `Bearer ${input.botToken}` },
    ...(input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs }),
  });
  const read = readSlackApiAnswer(answer);
  if (!read.ok) return read.result;
  const ts = read.json.ts;
  return typeof ts === 'string' ? { kind: 'delivered', messageId: ts } : { kind: 'delivered' };
}

export interface SlackUploadFileInput {
  readonly apiUrl: string;
  readonly botToken: string;
  /** A channel id (files.completeUploadExternal takes ids, not names). */
  readonly channel: string;
  readonly threadTs?: string;
  readonly filename: string;
  readonly title?: string;
  readonly content: string;
  readonly initialComment?: string;
  readonly timeoutMs?: number;
}

/**
 * Shares a file (the full job output) in a channel: files.getUploadURLExternal,
 * then the bytes to the returned upload URL, then files.completeUploadExternal.
 * A failure at any step is that step's DeliveryResult; a retry starts over.
 */
export async function slackUploadFile(input: SlackUploadFileInput): Promise<DeliveryResult> {
  const auth = { authorization: `Bearer ${input.botToken}` };
  const timeout = input.timeoutMs === undefined ? {} : { timeoutMs: input.timeoutMs };
  const bytes = Buffer.from(input.content, 'utf8');
  const reserve = readSlackApiAnswer(
    await sendHttpRequest(slackApiMethodUrl(input.apiUrl, 'files.getUploadURLExternal'), {
      headers: auth,
      body: new URLSearchParams({ filename: input.filename, length: String(bytes.length) }),
      ...timeout,
    }),
  );
  if (!reserve.ok) return reserve.result;
  const uploadUrl = reserve.json.upload_url;
  const fileId = reserve.json.file_id;
  if (typeof uploadUrl !== 'string' || typeof fileId !== 'string') {
    return { kind: 'retry', error: 'Slack: files.getUploadURLExternal gave no upload_url/file_id' };
  }
  const sent = await sendHttpRequest(uploadUrl, {
    headers: { 'content-type': 'application/octet-stream' },
    body: bytes,
    ...timeout,
  });
  if (sent.kind !== 'answered' || sent.status < 200 || sent.status >= 300) {
    const upload = readSlackApiAnswer(sent);
    return upload.ok ? { kind: 'retry', error: 'Slack: the file upload failed' } : upload.result;
  }
  const form = new URLSearchParams({
    files: JSON.stringify([{ id: fileId, title: input.title ?? input.filename }]),
    channel_id: input.channel,
  });
  if (input.threadTs) form.set('thread_ts', input.threadTs);
  if (input.initialComment) form.set('initial_comment', input.initialComment);
  const complete = readSlackApiAnswer(
    await sendHttpRequest(slackApiMethodUrl(input.apiUrl, 'files.completeUploadExternal'), {
      headers: auth,
      body: form,
      ...timeout,
    }),
  );
  return complete.ok ? { kind: 'delivered', messageId: fileId } : complete.result;
}
