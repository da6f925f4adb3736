/**
 * The HTTP pull connectors' configuration file (`CONNECTORS_FILE`, docs/connectors.md): which
 * external one-stop-shop or document systems to poll and how to read their JSON pages.
 * Secrets are never in the file: an auth header's value is read from the environment variable
 * the file names.
 */
import { z } from 'zod';
import { CASE_FIELDS, DOCUMENT_FIELDS } from './dossier-records';

/** `data.items`, `result.paging.next`; `$` is the response body itself. */
export const DOTTED_PATH = /^(\$|[A-Za-z0-9_$-]+(\.[A-Za-z0-9_$-]+)*)$/;
const dotted = z.string().regex(DOTTED_PATH, 'expected a dotted path such as data.items, or $ for the whole body');
const seconds = (min: number, max: number) => z.number().min(min, `at least ${min} s`).max(max, `at most ${max} s`);

export const DATE_FORMAT_NAMES = ['auto', 'iso', 'epoch_ms', 'epoch_s', 'dd/MM/yyyy', 'MM/dd/yyyy'] as const;

const valueMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]));

function connectorSchema<K extends 'cases' | 'documents', F extends string>(kind: K, fields: readonly [F, ...F[]]) {
  const field = z.enum(fields);
  return z.strictObject({
    name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,62}$/, 'expected 1-63 lower-case letters, digits, _ -'),
    kind: z.literal(kind),
    description: z.string().max(500).optional(),
    url: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
    /** The header carrying the credential; its value comes from the environment variable `valueEnv`. */
    auth: z
      .strictObject({
        header: z.string().regex(/^[A-Za-z0-9-]{1,64}$/, 'expected a header name such as Authorization'),
        valueEnv: z
          .string()
          .regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'expected an environment variable name such as MOTCUA_TOKEN'),
        /** Put before the value, e.g. "Bearer ". */
        prefix: z.string().max(32).default(''),
      })
      .optional(),
    intervalSeconds: seconds(0.05, 86_400).default(60),
    timeoutSeconds: seconds(0.05, 600).default(30),
    backoff: z
      .strictObject({ initialSeconds: seconds(0.01, 3600).default(1), maxSeconds: seconds(0.01, 86_400).default(300) })
      .prefault({}),
    pageSize: z.number().int().min(1).max(1000).default(100),
    /** Bounds memory: a larger response is refused (and dead-lettered) instead of read. */
    maxResponseBytes: z
      .number()
      .int()
      .min(1024)
      .max(64 * 1024 * 1024)
      .default(8 * 1024 * 1024),
    request: z
      .strictObject({
        cursorParam: z.string().min(1).max(64).default('cursor'),
        pageSizeParam: z.string().min(1).max(64).nullable().default('limit'),
        /** Fixed query parameters (no secrets: the file is not a secret store). */
        query: z.record(z.string(), z.string()).default({}),
        /** The cursor of the very first poll; none: the source's beginning. */
        initialCursor: z.string().max(1000).optional(),
      })
      .prefault({}),
    response: z
      .strictObject({
        items: dotted.default('items'),
        nextCursor: dotted.default('next_cursor'),
        /** Optional: without it, a full page means there may be more. */
        hasMore: dotted.optional(),
      })
      .prefault({}),
    dateFormat: z.enum(DATE_FORMAT_NAMES).default('auto'),
    /** Our record field → the source field's dotted path in an item. */
    fields: z.partialRecord(field, dotted),
    /** Our record field → { source value → our value }, e.g. status codes, channel names, agency codes. */
    values: z.partialRecord(field, valueMap).default({}),
    /** Our record field → the value when the item has none (e.g. one agency per connector). */
    defaults: z.partialRecord(field, z.union([z.string(), z.number(), z.boolean()])).default({}),
  });
}

const caseFields = Object.keys(CASE_FIELDS) as [keyof typeof CASE_FIELDS, ...(keyof typeof CASE_FIELDS)[]];
const documentFields = Object.keys(DOCUMENT_FIELDS) as [
  keyof typeof DOCUMENT_FIELDS,
  ...(keyof typeof DOCUMENT_FIELDS)[],
];

export const connectorConfigSchema = z.discriminatedUnion('kind', [
  connectorSchema('cases', caseFields),
  connectorSchema('documents', documentFields),
]);

export const connectorsFileSchema = z
  .strictObject({
    $comment: z.string().optional(),
    connectors: z.array(connectorConfigSchema).max(50),
  })
  .superRefine((f, ctx) => {
    const seen = new Set<string>();
    f.connectors.forEach((c, i) => {
      if (seen.has(c.name))
        ctx.addIssue({
          code: 'custom',
          path: ['connectors', i, 'name'],
          message: `duplicate connector name "${c.name}"`,
        });
      seen.add(c.name);
      if (c.backoff.initialSeconds > c.backoff.maxSeconds)
        ctx.addIssue({
          code: 'custom',
          path: ['connectors', i, 'backoff'],
          message: 'initialSeconds must not exceed maxSeconds',
        });
      const idField = c.kind === 'cases' ? 'case_id' : 'doc_id';
      if (!(idField in c.fields))
        ctx.addIssue({
          code: 'custom',
          path: ['connectors', i, 'fields'],
          message: `fields must map ${idField} (the record's id)`,
        });
    });
  });

export type ConnectorConfig = z.output<typeof connectorConfigSchema>;
export type ConnectorsFile = z.output<typeof connectorsFileSchema>;
