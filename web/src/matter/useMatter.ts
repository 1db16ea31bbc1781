import { useCallback, useEffect, useState } from 'react';
import { ApiError, api } from '../api/client.ts';
import type { MatterDetail } from '../../../src/shared/api.schema.ts';

export function useMatter(id: number) {
  const [matter, setMatter] = useState<MatterDetail | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notFound, setNotFound] = useState(false);

  const reload = useCallback(async () => {
    try {
      setMatter(await api.get<MatterDetail>(`/api/matters/${id}`));
      setError(null);
    } catch (e) {
      // A matter outside the user's scope answers 404 like one that does not exist.
      if (e instanceof ApiError && (e.status === 404 || e.status === 400)) setNotFound(true);
      else setError(e);
    }
  }, [id]);

  useEffect(() => {
    setMatter(null);
    setNotFound(false);
    void reload();
  }, [reload]);

  return { matter, error, notFound, reload };
}
