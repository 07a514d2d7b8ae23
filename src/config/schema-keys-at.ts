/**
 * The keys the schema allows at a place in the file, for "did you mean"
 * hints on unknown keys. Walks zod's public schema classes; anything it does
 * not know how to enter yields no keys (and so no hint), never an error.
 */
import { z } from 'zod';
import type { KeyPath } from './config-key-path.js';

export function schemaKeysAt(schema: z.ZodType, path: KeyPath): readonly string[] {
  const candidates = enter([schema], path);
  return [...new Set(candidates.flatMap((candidate) => (candidate instanceof z.ZodObject ? Object.keys(candidate.shape) : [])))];
}

function enter(schemas: readonly z.ZodType[], path: KeyPath): z.ZodType[] {
  let current = schemas.flatMap(unwrap);
  for (const segment of path) {
    current = current.flatMap((schema): z.ZodType[] => {
      if (schema instanceof z.ZodObject && typeof segment === 'string') {
        const child: unknown = (schema.shape as Record<string, unknown>)[segment];
        return child instanceof z.ZodType ? [child] : [];
      }
      if (schema instanceof z.ZodArray && typeof segment === 'number') return [schema.element as z.ZodType];
      if (schema instanceof z.ZodRecord) return [schema.valueType as z.ZodType];
      return [];
    }).flatMap(unwrap);
  }
  return current;
}

function unwrap(schema: z.ZodType): z.ZodType[] {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodNullable) return unwrap(schema.unwrap() as z.ZodType);
  if (schema instanceof z.ZodUnion) return (schema.options as readonly z.ZodType[]).flatMap(unwrap);
  return [schema];
}
