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

export { chinaTime, chinaTimeWithSeconds } from '../china-time';
