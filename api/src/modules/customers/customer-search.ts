import type { RequestContext } from '../../core/context';
import { BadUserInputError } from '../../core/errors';
import { MAX_PAGE_SIZE } from '../../core/graphql/paging';
import { scopedOrgUnitIds } from '../org/org.service';
import { Customer } from './customer.entity';
import type { CustomerSearchHit } from './customer.types';

/**
 * Fuzzy search by any one field, ranked. Names are matched through two-character
 * slices (`pd_bigrams`, GIN-indexed), so two characters of a Chinese name find it;
 * phone digits, card numbers, emails and record numbers through trigram indexes
 * (pg_trgm), so the last 4 digits of a phone find it.
 */
const SEARCH_SQL = (conditions: string[], scoped: boolean) => `
  select c.*, m.score, m.field
    from customer c
    cross join lateral (
      select * from (values
        ('name',         case when c.name = :q then 1.0 when c.name like :q || '%' then 0.9
                              when c.name like '%' || :q || '%' then 0.5 + 0.4 * cast(length(:q) as float) / greatest(length(c.name), 1) end),
        ('phone',        case when c.phone = :q then 1.0 when c.phone like '%' || :q then 0.9 when c.phone like '%' || :q || '%' then 0.6 end),
        ('memberCardNo', case when lower(c.member_card_no) = lower(:q) then 1.0 when c.member_card_no ilike '%' || :q || '%' then 0.7 end),
        ('email',        case when lower(c.email) = lower(:q) then 1.0 when c.email ilike '%' || :q || '%' then 0.6 end),
        ('recordNo',     case when lower(c.record_no) = lower(:q) then 1.0 when c.record_no ilike '%' || :q || '%' then 0.7 end)
      ) as f(field, score) where score is not null order by score desc limit 1
    ) m
   where c.status = 'ACTIVE'
     and (${conditions.join(' or ')})
     ${scoped ? 'and c.org_unit_id in (:units)' : ''}
   order by m.score desc, c.name, c.id
   limit :limit`;

export async function searchCustomers(ctx: RequestContext, rawQuery: string, limit = 20): Promise<CustomerSearchHit[]> {
  const q = rawQuery.trim().replace(/[%_\\]/g, '');
  if (limit < 1 || limit > MAX_PAGE_SIZE) throw new BadUserInputError({ field: 'limit', message: `must be between 1 and ${MAX_PAGE_SIZE}` });
  const digits = /^\d+$/.test(q);
  if (q.length < 2 || (digits && q.length < 3))
    throw new BadUserInputError({ field: 'query', message: 'give at least 2 characters of a name, or 3 digits of a phone or card number' });

  // Only conditions an index can serve for this kind of query, so PostgreSQL can OR bitmap scans.
  const conditions = digits
    ? [`c.phone like '%' || :q || '%'`, `c.member_card_no ilike '%' || :q || '%'`, `c.record_no ilike '%' || :q || '%'`]
    : [
        `(c.name_bigrams @> pd_bigrams(:q) and c.name like '%' || :q || '%')`,
        ...(q.length >= 3 ? [`c.member_card_no ilike '%' || :q || '%'`, `c.email ilike '%' || :q || '%'`, `c.record_no ilike '%' || :q || '%'`] : []),
      ];
  const units = await scopedOrgUnitIds(ctx);
  const knex = ctx.em.getKnex();
  const rows = await ctx.em.execute<(Record<string, unknown> & { score: number; field: string })[]>(
    knex.raw(SEARCH_SQL(conditions, !!units), { q, limit, units: units ?? [] }),
  );
  return rows.map(({ score, field, ...row }) => ({
    customer: ctx.em.map(Customer, row),
    score: Math.round(Number(score) * 1000) / 1000,
    matchedField: field,
  }));
}
