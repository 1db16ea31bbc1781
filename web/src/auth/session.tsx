import { useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import type { Role } from '../../../src/shared/enums.ts';
import { ApiError, api, setCsrfToken, setUnauthorizedHandler } from '../api/client.ts';
import type { Session, User } from '../../../src/shared/api.schema.ts';

type Status = 'loading' | 'anonymous' | 'expired' | 'signed-out' | 'signed-in';

interface SessionCtx {
  status: Status;
  user: User | null;
  login: (username: string, password: string) => Promise<void>;
  logout: () => Promise<void>;
  hasRole: (...roles: Role[]) => boolean;
}

const Ctx = createContext<SessionCtx | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [status, setStatus] = useState<Status>('loading');
  const [user, setUser] = useState<User | null>(null);
  // Cached answers belong to the user who asked: another sign-in starts with an empty cache.
  const qc = useQueryClient();

  const accept = useCallback(
    (s: Session) => {
      qc.clear();
      setCsrfToken(s.csrfToken);
      setUser(s.user);
      setStatus('signed-in');
    },
    [qc],
  );

  useEffect(() => {
    // Any 401 from the API means the session ended: back to the login page, saying why.
    setUnauthorizedHandler(() => {
      qc.clear();
      setCsrfToken(null);
      setUser(null);
      setStatus('expired');
    });
    api
      .get<Session>('/api/auth/me')
      .then(accept)
      .catch((e: unknown) => {
        if (!(e instanceof ApiError) || e.status !== 401) console.warn('session check failed', e);
        setStatus('anonymous');
      });
    return () => setUnauthorizedHandler(null);
  }, [accept, qc]);

  const login = useCallback(
    async (username: string, password: string) => {
      accept(await api.post<Session>('/api/auth/login', { username, password }));
    },
    [accept],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/api/auth/logout');
    } finally {
      qc.clear();
      setCsrfToken(null);
      setUser(null);
      setStatus('signed-out');
    }
  }, [qc]);

  const value = useMemo<SessionCtx>(
    () => ({
      status,
      user,
      login,
      logout,
      hasRole: (...roles) => !!user && roles.some((r) => user.roles.includes(r)),
    }),
    [status, user, login, logout],
  );
  return <Ctx.Provider value={value}>{children}</Ctx.Provider>;
}

export function useSession(): SessionCtx {
  const v = useContext(Ctx);
  if (!v) throw new Error('useSession outside SessionProvider');
  return v;
}
