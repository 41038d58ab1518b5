// Where to go after signing in: only a path on this site, never another origin (open-redirect armour).
export function safeCallbackPath(value: unknown, fallback = '/'): string {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (value.length > 500 || /[\u0000-\u001f]/.test(value)) return fallback;
  if (value.startsWith('/signin') || value.startsWith('/api/auth')) return fallback;
  return value;
}
