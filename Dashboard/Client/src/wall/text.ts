// The wall's labels come from the server (UiText, in the request culture) in #wall-text, so the page
// and the live updates never disagree; this module only looks them up.

let text: Record<string, unknown> = {};

export function loadWallText(): void {
  const element = document.getElementById('wall-text');
  text = element?.textContent ? (JSON.parse(element.textContent) as Record<string, unknown>) : {};
}

export function wallText(key: string, fallback = ''): string {
  const value = text[key];
  return typeof value === 'string' ? value : fallback;
}

export function statusText(status: string): string {
  return wallText(`Status.${status}`, status);
}

export function streetName(code: string | null): string {
  const streets = text['streets'] as Record<string, string> | undefined;
  return (code && streets?.[code]) || '';
}

const timeFormat = new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Shanghai', hour: '2-digit', minute: '2-digit', hour12: false });
const secondsFormat = new Intl.DateTimeFormat('sv-SE', {
  timeZone: 'Asia/Shanghai',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  hour12: false,
});

/** HH:mm in China time, as the server writes it. */
export function chinaTime(iso: string | Date): string {
  return timeFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}

export function chinaTimeWithSeconds(iso: string | Date): string {
  return secondsFormat.format(typeof iso === 'string' ? new Date(iso) : iso);
}
