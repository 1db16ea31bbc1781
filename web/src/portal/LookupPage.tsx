import { useState } from 'react';
import { api } from '../api/client.ts';
import type { PublicLookup } from '../../../src/shared/api.schema.ts';
import { LookupForm, type Credentials } from './LookupForm.tsx';
import { LookupResult } from './LookupResult.tsx';

export function LookupPage({ initial }: { initial: Credentials | null }) {
  const [creds, setCreds] = useState<Credentials | null>(initial);
  const [data, setData] = useState<PublicLookup | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  return (
    <>
      <LookupForm
        initial={initial}
        onFound={(c, r) => {
          setCreds(c);
          setData(r);
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
            void api.post<PublicLookup>('/api/public/lookup', creds).then(setData);
          }}
        />
      )}
    </>
  );
}
