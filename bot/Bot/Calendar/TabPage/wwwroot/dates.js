// Calendar days as 'YYYY-MM-DD' strings, computed in UTC so the browser's own time zone never shifts a day: the API
// already gives every post its day and time in the team's zone.

const dayMs = 24 * 60 * 60 * 1000;

export function parseDay(day) {
  const [year, month, date] = day.split('-').map(Number);
  return new Date(Date.UTC(year, month - 1, date));
}

export function formatDay(date) {
  return date.toISOString().slice(0, 10);
}

export function isDay(value) {
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !Number.isNaN(parseDay(value).getTime())
    && formatDay(parseDay(value)) === value;
}

export function addDays(day, count) {
  return formatDay(new Date(parseDay(day).getTime() + count * dayMs));
}

/** Monday of the ISO week the day is in. */
export function mondayOf(day) {
  const weekday = (parseDay(day).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

export function firstOfMonth(day) {
  return `${day.slice(0, 8)}01`;
}

export function lastOfMonth(day) {
  const date = parseDay(firstOfMonth(day));
  return formatDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + 1, 0)));
}

export function addMonths(day, count) {
  const date = parseDay(firstOfMonth(day));
  return formatDay(new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + count, 1)));
}

export function daysBetween(from, to) {
  const days = [];
  for (let day = from; day <= to; day = addDays(day, 1)) {
    days.push(day);
  }
  return days;
}

export function isoWeek(day) {
  const date = parseDay(day);
  const weekday = date.getUTCDay() || 7;
  const thursday = new Date(date.getTime() + (4 - weekday) * dayMs);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return Math.ceil(((thursday.getTime() - yearStart) / dayMs + 1) / 7);
}

/** Today in the team's zone, which decides what "today" is for its calendar. */
export function todayIn(timeZone) {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(new Date());
  } catch {
    return formatDay(new Date());
  }
}

export function dayFormat(locale, options) {
  const format = new Intl.DateTimeFormat(locale, { ...options, timeZone: 'UTC' });
  return day => format.format(parseDay(day));
}
