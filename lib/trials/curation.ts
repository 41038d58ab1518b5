// The curation file's shape: facts a person checked against named sources, which win over rules and
// over registry-derived values, and outlive re-imports. null always means "not known", never "no".
import { z } from 'zod';
import { PARTIAL_DATE } from '@/lib/ctgov/record';
import { EVENT_KINDS, GENES, LINK_RELATIONS, MODALITIES, NCT_ID, ROUTES } from './vocab';

const partialDate = z.string().regex(PARTIAL_DATE, 'must be a date as YYYY, YYYY-MM or YYYY-MM-DD');
const geneByLowerCase = new Map(GENES.map((g) => [g.toLowerCase(), g]));

export const sourceSchema = z.object({
  label: z.string().min(1),
  url: z.url(),
  asOf: partialDate.nullish(),
});

export const curationSchema = z.object({
  nctId: z.string().regex(NCT_ID, 'must be NCT followed by 8 digits'),
  title: z.string().min(1).nullish(),
  asOf: partialDate,
  modality: z.enum(MODALITIES).nullish(),
  genes: z
    .array(z.string().transform((g, ctx) => geneByLowerCase.get(g.toLowerCase()) ?? (ctx.addIssue(`unknown gene ${g}`), z.NEVER)))
    .nullish(),
  mechanism: z.string().min(1).nullish(),
  plainSummary: z.string().min(1).nullish(),
  burden: z
    .object({
      placebo: z.boolean().nullish(),
      placeboRatio: z.string().regex(/^\d+:\d+$/, 'must look like 3:1').nullish(),
      openLabelExtension: z.boolean().nullish(),
      routes: z.array(z.enum(ROUTES)).nullish(),
      notes: z.string().min(1).nullish(),
    })
    .nullish(),
  eligibility: z
    .object({
      maxMonthsSinceOnset: z.number().int().min(1).max(600).nullish(),
      minVitalCapacityPct: z.number().int().min(1).max(150).nullish(),
      riluzoleAllowed: z.boolean().nullish(),
      edaravoneAllowed: z.boolean().nullish(),
    })
    .nullish(),
  programme: z.string().min(1).nullish(),
  links: z
    .array(z.object({ nctId: z.string().regex(NCT_ID), relation: z.enum(LINK_RELATIONS), note: z.string().nullish() }))
    .nullish(),
  sources: z.array(sourceSchema).min(1, 'a curated trial needs at least one source'),
  history: z
    .array(
      z.object({
        date: partialDate,
        kind: z.enum(EVENT_KINDS),
        from: z.unknown().optional(),
        to: z.unknown().optional(),
        text: z.string().min(1),
        source: z.url(),
      }),
    )
    .nullish(),
  notes: z.string().min(1).nullish(),
});

export type Curation = z.infer<typeof curationSchema>;

export const curationFileSchema = z.object({ trials: z.array(curationSchema) });
