import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { MAX_PAGE_SIZE } from '../../core/graphql/paging';
import { scopedOrgUnitIds } from '../org/org.service';
import { Customer } from './customer.entity';
import type { CustomerSearchHit } from './customer.types';
import { adopt, selectList, type Row } from '../../core/read/page';
import type { Selection } from '../../core/read/selection';
import { customerReadSpec } from './customer.queries';

/**
 * Fuzzy search by any one field, ranked. Names are matched through two-character
 * slices (`pd_bigrams`, GIN-indexed), so two characters of a Chinese name find it;
 * phone digits, card numbers, emails and record numbers through trigram indexes
 * (pg_trgm), so the last 4 digits of a phone find it.
 */
/** How well a field matches, 0..1: exact, prefix (or phone suffix), contained. Per kind of query. */
const NAME_SCORE = `case when c.name = :q then 1.0 when c.name like :q || '%' then 0.9
                         else 0.5 + 0.4 * cast(length(:q) as float) / greatest(length(c.name), 1) end`;

const DIGIT_FIELDS = [
  ['phone', `case when c.phone = :q then 1.0 when c.phone like '%' || :q then 0.9 when c.phone like '%' || :q || '%' then 0.6 end`],
  ['memberCardNo', `case when lower(c.member_card_no) = lower(:q) then 1.0 when c.member_card_no ilike '%' || :q || '%' then 0.7 end`],
  ['recordNo', `case when lower(c.record_no) = lower(:q) then 1.0 when c.record_no ilike '%' || :q || '%' then 0.7 end`],
] as const;
const TEXT_FIELDS = [
  ['memberCardNo', DIGIT_FIELDS[1][1]],
  ['email', `case when lower(c.email) = lower(:q) then 1.0 when c.email ilike '%' || :q || '%' then 0.6 end`],
  ['recordNo', DIGIT_FIELDS[2][1]],
] as const;

/** The best-scoring field of several (greatest score, and its name). */
function bestOf(fields: readonly (readonly [string, string])[]): { score: string; field: string } {
  const scores = fields.map(([, score]) => `coalesce(${score}, 0)`);
  return {
    score: `greatest(${scores.join(', ')})`,
    field: `case ${fields.map(([name], i) => `when ${scores[i]} = greatest(${scores.join(', ')}) then '${name}'`).join(' ')} end`,
  };
}

const SEARCH_SQL = (kind: 'digits' | 'text', withLongFields: boolean, scoped: boolean) => {
  const conditions =
    kind === 'digits'
      ? [`c.phone like '%' || :q || '%'`, `c.member_card_no ilike '%' || :q || '%'`, `c.record_no ilike '%' || :q || '%'`]
      : [`(c.name_bigrams @> pd_bigrams(:q) and c.name like '%' || :q || '%')`, ...(withLongFields ? [`c.member_card_no ilike '%' || :q || '%'`, `c.email ilike '%' || :q || '%'`, `c.record_no ilike '%' || :q || '%'`] : [])];
  const ranked =
    kind === 'digits'
      ? bestOf(DIGIT_FIELDS)
      : withLongFields
        ? bestOf([['name', `case when c.name like '%' || :q || '%' then ${NAME_SCORE} end`], ...TEXT_FIELDS])
        : { score: NAME_SCORE, field: `'name'` };
  // Only conditions an index serves for this kind of query, so PostgreSQL can OR bitmap scans.
  // The hits first (scored, ordered, limited), then the selected columns and embedded relations of those only.
  return (columns: string) => `
    select ${columns}, hits.score, hits.field from (
      select * from (
        select c.*, ${ranked.score} as score, ${ranked.field} as field
          from customer c
         where c.status = 'ACTIVE' and (${conditions.join(' or ')}) ${scoped ? 'and c.org_unit_id in (:units)' : ''}
      ) ranked
      order by score desc, name, id
      limit :limit
    ) hits
    order by hits.score desc, hits.name, hits.id`;
};

export async function searchCustomers(ctx: RequestContext, rawQuery: string, limit = 20, selection: Selection | null = null): Promise<CustomerSearchHit[]> {
  const q = rawQuery.trim().replace(/[%_\\]/g, '');
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw new BadUserInputError({ field: 'limit', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  const digits = /^\d+$/.test(q);
  if (q.length < 2 || (digits && q.length < 3))
    throw new BadUserInputError({ field: 'query', message: 'give at least 2 characters of a name, or 3 digits of a phone or card number' });

  const units = await scopedOrgUnitIds(ctx);
  const knex = ctx.em.getKnex();
  const spec = customerReadSpec(ctx);
  const sql = SEARCH_SQL(digits ? 'digits' : 'text', q.length >= 3, !!units)(selectList(ctx.em, spec, selection, 'hits'));
  // As JSON, like every page of the read path: timestamps arrive as ISO 8601, which the DateTime scalar takes.
  const [result] = await ctx.em.execute<{ rows: (Row & { score: number; field: string })[] }[]>(
    knex.raw(`select coalesce(json_agg(s), '[]'::json) as rows from (${sql}) s`, { q, limit, units: units ?? [] }),
  );
  const rows = result!.rows;
  // Plain rows (the read path), given the Customer prototype for type-graphql.
  adopt(rows, spec);
  return rows.map(({ score, field, ...row }) => ({
    customer: Object.setPrototypeOf(row, Customer.prototype) as Customer,
    score: Math.round(Number(score) * 1000) / 1000,
    matchedField: field,
  }));
}
