import type { JsonObject, JsonValue } from '../../ports/store/json-value.js';

/**
 * JSON columns are text on both dialects (portable, and nothing queries
 * inside them). These two functions are the only way in and out.
 */
export function toJsonText(value: JsonValue): string {
  return JSON.stringify(value);
}

export function fromJsonText(text: string): JsonValue {
  return JSON.parse(text) as JsonValue;
}

/** A JSON object column; anything else stored there reads as `{}`. */
export function fromJsonObjectText(text: string): JsonObject {
  const value = fromJsonText(text);
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : {};
}
