/**
 * What the store keeps in its JSON columns (settings, job payloads, reply
 * targets and bodies). Values go through JSON.stringify/JSON.parse, so only
 * JSON-representable data survives: no undefined, Date, Map or bigint.
 */
export type JsonValue = string | number | boolean | null | readonly JsonValue[] | JsonObject;

export interface JsonObject {
  readonly [key: string]: JsonValue;
}
