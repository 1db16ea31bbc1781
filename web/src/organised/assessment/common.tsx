import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Tag } from 'antd';
import type { WireOf } from '../../../../src/shared/api.schema.ts';
import type {
  AccountabilityListSchema,
  AccountabilitySchema,
  FrozenListSchema,
  LetterListSchema,
  LetterSchema,
  TargetStatus,
} from '../../../../src/shared/assessment.schema.ts';
import { TARGET_STATUS_LABELS } from '../../../../src/shared/assessment-labels.ts';
import { api } from '../../api/client.ts';
import { useWorkI18n } from '../i18n.ts';

export type LetterList = WireOf<typeof LetterListSchema>;
export type Letter = WireOf<typeof LetterSchema>;
export type FrozenList = WireOf<typeof FrozenListSchema>;
export type AccountabilityList = WireOf<typeof AccountabilityListSchema>;
export type Accountability = WireOf<typeof AccountabilitySchema>;

/** This part's query keys: every command makes all of them stale. */
export const assessmentKeys = {
  all: ['assessment'] as const,
  letters: (year: number) => ['assessment', 'letters', year] as const,
  letter: (id: number) => ['assessment', 'letter', id] as const,
  frozen: (year: number) => ['assessment', 'frozen', year] as const,
  records: ['assessment', 'accountability'] as const,
  record: (id: number) => ['assessment', 'accountability', id] as const,
};

/** A rate as a percentage with at most two decimals (0.9525 → 95.25%). */
export const pct = (v: number | null | undefined) =>
  v === null || v === undefined ? '—' : `${Number((v * 100).toFixed(2))}%`;

/** POSTs a command of this part; afterwards its lists and pages, and the inbox, are stale. */
export function useAssessmentCommand() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ path, body }: { path: string; body: unknown }) => api.post<{ id: number }>(path, body),
    onSuccess: () =>
      Promise.all([
        qc.invalidateQueries({ queryKey: assessmentKeys.all }),
        qc.invalidateQueries({ queryKey: ['inbox'] }),
      ]),
  });
}

export function StatusTag({ status }: { status: TargetStatus }) {
  const { lbl } = useWorkI18n();
  const color = status === 'met' ? 'green' : status === 'not_met' ? 'red' : 'default';
  return (
    <Tag color={color} data-testid={`target-${status}`}>
      {lbl(TARGET_STATUS_LABELS, status)}
    </Tag>
  );
}
