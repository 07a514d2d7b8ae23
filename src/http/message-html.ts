/**
 * A ChatMessage as web HTML: the chat adapters' inline-markup grammar (links
 * and code spans) feeds the web view, so the console shows exactly the
 * links and code the chat platforms show.
 */
import { parseInlineMarkup } from '../adapters/chat/parse-inline-markup.js';
import type { ChatMessage } from '../domain/chat-reply/chat-message.js';
import { chatMessageHtml } from '../web/chat-message-html.js';
import type { Html } from '../web/html.js';

export function messageHtml(message: ChatMessage): Html {
  return chatMessageHtml(message, parseInlineMarkup(message.text));
}
