// China time (Asia/Shanghai) as the server writes it (ChinaTime.Format): sv-SE gives "2026-11-23 21:05".

const minutes = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const seconds = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});
const dateAndMinutes = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
});

const asDate = (at: string | Date): Date => (typeof at === 'string' ? new Date(at) : at);

/** HH:mm in China time. */
export function chinaTime(at: string | Date): string {
  return minutes.format(asDate(at));
}

/** HH:mm:ss in China time. */
export function chinaTimeWithSeconds(at: string | Date): string {
  return seconds.format(asDate(at));
}

/** yyyy-MM-dd HH:mm in China time. */
export function chinaDateTime(at: string | Date): string {
  return dateAndMinutes.format(asDate(at));
}
