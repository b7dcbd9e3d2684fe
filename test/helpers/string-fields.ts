import type { z } from 'zod';

/**
 * Every place in a zod schema where a string goes: object keys followed into optional,
 * nullable, default, union, array (as element 0), record (the key and the value) and pipe.
 * Derived from the contract's schemas, so a new call or field is covered without a list to keep.
 */
export type FieldPath = (string | number | { recordKey: true })[];

export function stringFields(schema: z.ZodType, path: FieldPath = [], depth = 0): FieldPath[] {
  if (depth > 12) return [];
  const def = (schema as unknown as { _zod: { def: Record<string, unknown> & { type: string } } })._zod.def;
  const inner = (value: unknown) => value as z.ZodType;
  switch (def.type) {
    case 'string':
      return [path];
    case 'object':
      return Object.entries(def.shape as Record<string, z.ZodType>).flatMap(([key, child]) => stringFields(child, [...path, key], depth + 1));
    case 'optional':
    case 'nullable':
    case 'default':
    case 'prefault':
    case 'nonoptional':
    case 'readonly':
    case 'catch':
      return stringFields(inner(def.innerType), path, depth + 1);
    case 'pipe':
      return stringFields(inner(def.in), path, depth + 1);
    case 'union': {
      const seen = new Set<string>();
      return (def.options as z.ZodType[]).flatMap((option) => stringFields(option, path, depth + 1)).filter((found) => !seen.has(JSON.stringify(found)) && Boolean(seen.add(JSON.stringify(found))));
    }
    case 'array':
      return stringFields(inner(def.element), [...path, 0], depth + 1);
    case 'record':
      return [...(stringFields(inner(def.keyType), [], depth + 1).length > 0 ? [[...path, { recordKey: true } as const]] : []), ...stringFields(inner(def.valueType), [...path, 'x'], depth + 1)];
    default:
      return [];
  }
}

export function describePath(path: FieldPath): string {
  return path.map((part) => (typeof part === 'object' ? '{nøgle}' : String(part))).join('.') || '(argumentet)';
}

/** A copy of `base` with `value` at `path` (objects and arrays made where missing; a record key set to `value`). */
export function withValueAt(base: unknown, path: FieldPath, value: string): unknown {
  if (path.length === 0) return value;
  const [head, ...rest] = path;
  if (typeof head === 'object') {
    const record = { ...((base as Record<string, unknown>) ?? {}) };
    const sample = Object.values(record)[0] ?? 0;
    return { ...record, [value]: sample };
  }
  if (typeof head === 'number') {
    const array = Array.isArray(base) ? [...(base as unknown[])] : [];
    array[head] = withValueAt(array[head], rest, value);
    return array;
  }
  const object = { ...((base as Record<string, unknown>) ?? {}) };
  object[head] = withValueAt(object[head], rest, value);
  return object;
}
