import { useEffect, useState } from 'preact/hooks';

/**
 * Hash routes (#/tenants/acme): the server serves one index.html at /console/, so nothing but the
 * fragment changes, and the fragment is never sent to the server. Only ids go in it, never a secret.
 */
export function currentPath(): string {
  const hash = window.location.hash.replace(/^#/, '');
  return hash.startsWith('/') ? hash : '/';
}

export function navigate(path: string): void {
  window.location.hash = path;
}

export function usePath(): string {
  const [path, setPath] = useState(currentPath);
  useEffect(() => {
    const onChange = () => setPath(currentPath());
    window.addEventListener('hashchange', onChange);
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return path;
}
