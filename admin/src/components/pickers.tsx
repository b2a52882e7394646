import { Select } from 'antd';
import { useState } from 'react';
import { useGql } from '../hooks/use-gql';
import type { Connection } from '../types';

interface PickerProps {
  value?: string;
  onChange?: (value: string | undefined) => void;
  placeholder?: string;
}

/** Customer by fuzzy search (searchCustomers). */
export function CustomerPicker({ value, onChange, placeholder }: PickerProps) {
  const [query, setQuery] = useState('');
  const { data, isFetching } = useGql<{ searchCustomers: { customer: { id: string; name: string; recordNo: string; phone: string | null } }[] }>('SearchCustomers', { query, limit: 20 }, { enabled: query.trim().length >= 2 });
  return (
    <Select
      showSearch
      allowClear
      value={value}
      onChange={onChange}
      placeholder={placeholder}
      filterOption={false}
      onSearch={setQuery}
      loading={isFetching}
      options={(data?.searchCustomers ?? []).map(({ customer: c }) => ({ value: c.id, label: `${c.name} · ${c.recordNo}${c.phone ? ` · ${c.phone}` : ''}` }))}
    />
  );
}

/** Staff member, optionally limited to job titles (e.g. doctors). */
export function StaffPicker({ value, onChange, placeholder, jobTitles }: PickerProps & { jobTitles?: string[] }) {
  const { data, isFetching } = useGql<{ staffUsers: Connection<{ id: string; displayName: string; jobTitle: string }> }>('StaffList', {
    filter: { status: { eq: 'ACTIVE' }, ...(jobTitles ? { jobTitle: { in: jobTitles } } : {}) },
    paging: { limit: 200 },
    sorting: [{ field: 'displayName', direction: 'ASC' }],
  });
  const options = (data?.staffUsers.nodes ?? []).map((s) => ({ value: s.id, label: s.displayName }));
  return <LoadedSelect value={value} onChange={onChange} placeholder={placeholder} loading={isFetching} options={options} />;
}

/** Org unit of given kinds (stores, branch centers...). */
export function OrgUnitPicker({ value, onChange, placeholder, kinds }: PickerProps & { kinds?: string[] }) {
  const { data, isFetching } = useGql<{ orgUnits: Connection<{ id: string; name: string; kind: string }> }>('OrgUnitList', {
    filter: kinds ? { kind: { in: kinds } } : undefined,
    paging: { limit: 200 },
  });
  const options = (data?.orgUnits.nodes ?? []).map((o) => ({ value: o.id, label: o.name }));
  return <LoadedSelect value={value} onChange={onChange} placeholder={placeholder} loading={isFetching} options={options} />;
}

/** A select searching, by label, a list loaded in full. */
function LoadedSelect({ loading, options, ...props }: PickerProps & { loading: boolean; options: { value: string; label: string }[] }) {
  return <Select showSearch allowClear optionFilterProp="label" loading={loading} options={options} {...props} />;
}
