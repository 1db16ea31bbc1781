import { QueryClientProvider, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../api/client.ts';
import { keys } from '../api/keys.ts';
import { createQueryClient } from '../api/query-client.ts';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { LookupForm, type Credentials } from './LookupForm.tsx';
import { LookupResult } from './LookupResult.tsx';
import { usePrefill } from './prefill.ts';

/**
 * The look-up has the portal's only cached read, so its query cache lives here: the submission
 * page's first load carries none of it.
 */
export function LookupRoute() {
  const [client] = useState(createQueryClient);
  const { prefill } = usePrefill();
  return (
    <QueryClientProvider client={client}>
      <LookupPage key={prefill?.caseNumber ?? ''} initial={prefill} />
    </QueryClientProvider>
  );
}

export function LookupPage({ initial }: { initial: Credentials | null }) {
  const qc = useQueryClient();
  const [creds, setCreds] = useState<Credentials | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // The form's own request answers first; the cache refetches the same matter after an action.
  const { data } = useQuery({
    queryKey: keys.publicLookup(creds?.caseNumber ?? '', creds?.queryCode ?? ''),
    queryFn: () => api.post<PublicLookup>('/api/public/lookup', creds),
    enabled: creds !== null,
    // A look-up is rate-limited per address: it is not repeated without the citizen asking.
    retry: false,
    staleTime: Infinity,
  });
  return (
    <>
      <LookupForm
        initial={initial}
        onFound={(c, r) => {
          qc.setQueryData(keys.publicLookup(c.caseNumber, c.queryCode), r);
          setCreds(c);
          setNotice(null);
        }}
      />
      {data && creds && (
        <LookupResult
          data={data}
          creds={creds}
          notice={notice}
          onChanged={(n) => {
            setNotice(n);
            void qc.invalidateQueries({ queryKey: keys.publicLookup(creds.caseNumber, creds.queryCode) });
          }}
        />
      )}
    </>
  );
}
