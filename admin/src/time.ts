import dayjs from 'dayjs';
import relativeTime from 'dayjs/plugin/relativeTime';
import timezone from 'dayjs/plugin/timezone';
import utc from 'dayjs/plugin/utc';

dayjs.extend(utc);
dayjs.extend(timezone);
dayjs.extend(relativeTime);

/** Dates and times are shown in the franchise's time zone, whatever the browser's is. */
export function formatInZone(value: string | number | Date | null | undefined, zone: string | undefined, format = 'YYYY-MM-DD HH:mm'): string {
  if (value === null || value === undefined || value === '') return '—';
  const date = dayjs(value);
  return (zone ? date.tz(zone) : date).format(format);
}

/** 1:05:09 / 12:30 style durations for SLA countdowns. */
export function formatDuration(ms: number): string {
  const total = Math.floor(Math.abs(ms) / 1000);
  const days = Math.floor(total / 86400);
  const hours = Math.floor((total % 86400) / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const seconds = total % 60;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (days) return `${days}d ${pad(hours)}:${pad(minutes)}`;
  return hours ? `${hours}:${pad(minutes)}:${pad(seconds)}` : `${pad(minutes)}:${pad(seconds)}`;
}

export { dayjs };
