/**
 * What chatrun answered to a slash command, as the fake chat clients read
 * it: status, headers, the raw text and, when it parses, the JSON.
 */
export interface SentCommand {
  readonly status: number;
  readonly headers: Headers;
  readonly text: string;
  readonly json: unknown;
}

export async function readSent(response: Response): Promise<SentCommand> {
  const text = await response.text();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status: response.status, headers: response.headers, text, json };
}
