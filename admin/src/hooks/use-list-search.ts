import type { ConditionalFilter, CrudFilter } from '@refinedev/core';
import { useEffect, useState, type ChangeEvent } from 'react';
import { useSearchParams } from 'react-router';

const SEARCH = 'search';
const isSearch = (f: CrudFilter): f is ConditionalFilter => f.operator === 'or' && (f as ConditionalFilter).key === SEARCH;

type SetFilters = (setter: (previous: CrudFilter[]) => CrudFilter[]) => void;

/** What an Input.Search needs: the text shown, typing, and searching (Enter, the button, or clearing). */
export interface SearchBox {
  value: string;
  onChange: (event: ChangeEvent<HTMLInputElement>) => void;
  onSearch: (text: string) => void;
}

function useSearchBox(current: string, apply: (text: string) => void): SearchBox {
  const [text, setText] = useState(current);
  useEffect(() => setText(current), [current]);
  return {
    value: text,
    onChange: (event) => {
      setText(event.target.value);
      if (!event.target.value && current) apply('');
    },
    onSearch: (value) => apply(value.trim()),
  };
}

/**
 * A list's search box as one of its table's filters: the text becomes an `or` of `members(text)`
 * (key `search`) beside the column filters, so it lives in the URL with them (Refine's
 * syncWithLocation) and comes back when the list is opened from that URL or with the back button.
 */
export function useListSearch(filters: CrudFilter[], setFilters: SetFilters, members: (text: string) => CrudFilter[]): SearchBox {
  const first = filters.find(isSearch)?.value[0];
  const current = first && 'value' in first ? String(first.value ?? '') : '';
  return useSearchBox(current, (text) => setFilters((previous) => [...previous.filter((f) => !isSearch(f)), ...(text ? [{ key: SEARCH, operator: 'or', value: members(text) } as ConditionalFilter] : [])]));
}

/** A search that is not a table filter (e.g. fuzzy customer search) kept in the URL as `?q=`. */
export function useUrlSearch(): [string, SearchBox] {
  const [params, setParams] = useSearchParams();
  const current = params.get('q') ?? '';
  const box = useSearchBox(current, (text) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (text) next.set('q', text);
        else next.delete('q');
        return next;
      },
      { replace: true },
    ),
  );
  return [current, box];
}
