import type { z } from 'zod';
import { badRequest } from '../errors.js';

/** Describes the first problems of a zod error, naming each field, for a 400's diagnostics. */
export function describeZodError(error: z.ZodError, where: string): string {
  const parts = error.issues.slice(0, 5).map((issue) => {
    const field = issue.path.length > 0 ? issue.path.join('.') : where;
    return `${field}: ${issue.message}`;
  });
  return `Invalid ${where}: ${parts.join('; ')}`;
}

export function parseWith<S extends z.ZodType>(schema: S, value: unknown, where: string): z.infer<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw badRequest(describeZodError(result.error, where));
  return result.data;
}

export const parseBody = <S extends z.ZodType>(schema: S, body: unknown): z.infer<S> =>
  parseWith(schema, body ?? {}, 'request body');

export const parseQuery = <S extends z.ZodType>(schema: S, query: unknown): z.infer<S> =>
  parseWith(schema, query, 'query');

export const parseParams = <S extends z.ZodType>(schema: S, params: unknown): z.infer<S> =>
  parseWith(schema, params, 'path');
