import { useSession } from '../auth/session.tsx';
import { MENU } from '../layout/menu.ts';

/**
 * Whether the user may open the queue, where every figure's link leads: an administrator reads the
 * statistics but lists no matters, so the figures are plain numbers for them.
 */
export function useCanOpenQueue(): boolean {
  const { hasRole } = useSession();
  return hasRole(...(MENU.find((e) => e.key === 'queue')?.roles ?? []));
}
