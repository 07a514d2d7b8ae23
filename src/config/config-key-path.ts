/**
 * How a place in the config file is named in messages:
 * `projects[0].members.alice`, `chat.slack.channels["C01.x"]`.
 */
export type KeyPath = readonly PropertyKey[];

export function formatKeyPath(path: KeyPath): string {
  let text = '';
  for (const segment of path) {
    if (typeof segment === 'number') text += `[${segment}]`;
    else if (typeof segment === 'string' && /^[A-Za-z_][A-Za-z0-9_-]*$/.test(segment)) text += text === '' ? segment : `.${segment}`;
    else text += `[${JSON.stringify(String(segment))}]`;
  }
  return text;
}
