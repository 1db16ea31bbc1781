import type { PetitionerHit, PetitionerMatter, UnmaskedPetitioner } from '../../../src/shared/api.schema.ts';
import { api } from '../api/client.ts';

export interface PersonFields {
  name: string;
  idNumber: string | null;
  phone: string | null;
  address: string | null;
}

/**
 * The whole of a known petitioner for "使用此人": the search shows masked numbers, so they are read
 * through one of the person's matters the user may see, which logs the view like any unmasking.
 * Without such a matter (or the right to unmask) the name alone is copied.
 */
export async function readPerson(hit: PetitionerHit): Promise<PersonFields> {
  const nameOnly = { name: hit.name, idNumber: null, phone: null, address: null };
  try {
    const { items } = await api.get<{ items: PetitionerMatter[] }>(`/api/petitioners/${hit.id}/matters`);
    const seen = items[0];
    if (!seen) return nameOnly;
    const p = await api.post<UnmaskedPetitioner>(`/api/matters/${seen.id}/petitioners/${hit.id}/unmask`);
    return { name: p.name, idNumber: p.idNumber, phone: p.phone, address: p.address };
  } catch {
    return nameOnly;
  }
}
