import { createContext, useContext } from 'react';
import type { Credentials } from './LookupForm.tsx';

/** The receipt's case number and query code, handed to the look-up page without the address. */
export const PrefillContext = createContext<{
  prefill: Credentials | null;
  setPrefill: (c: Credentials | null) => void;
}>({ prefill: null, setPrefill: () => undefined });

export const usePrefill = () => useContext(PrefillContext);
