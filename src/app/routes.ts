/** The three modes and their URLs. Unknown paths open the kiosk, the store tablet's home. */
export type Mode = 'kiosk' | 'verify' | 'admin';

export const MODE_PATHS: Readonly<Record<Mode, string>> = { kiosk: '/', verify: '/verify', admin: '/admin' };

export function modeFromPath(pathname: string): Mode {
  const first = pathname.replace(/\/+$/, '').split('/')[1] ?? '';
  if (first === 'verify') return 'verify';
  if (first === 'admin') return 'admin';
  return 'kiosk';
}
