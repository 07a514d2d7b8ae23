/**
 * Remembers the answers of a pure text → value function, up to `capacity`
 * texts. The loader checks the same `rules:if` expressions and `/regexp/`
 * refs once per job that inherits them (a template's rules reach hundreds
 * of jobs through `extends`), and a chat server reloads the same file for
 * every command, so answers repeat; compiling a regexp under RE2 is the
 * costly part of checking one.
 *
 * When full the memo starts over rather than tracking recency: cheaper per
 * hit, and a config with more distinct texts than the capacity is rare.
 * Only for functions whose answer depends on the text alone.
 */
export function boundedMemo<T>(compute: (text: string) => T, capacity: number): (text: string) => T {
  const answers = new Map<string, T>();
  return (text) => {
    if (answers.has(text)) return answers.get(text) as T;
    const answer = compute(text);
    if (answers.size >= capacity) answers.clear();
    answers.set(text, answer);
    return answer;
  };
}
