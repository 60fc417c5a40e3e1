/**
 * What every justified search form shares (the search screen, the reads near an incident): the
 * agency's offense list from the server (RTCC_OFFENSE_TYPES_FILE, else the built-in one), the
 * offense select, and the note's label, which says when the chosen offense requires a note.
 */
import { OFFENSE_TYPES, OTHER_FELONY_NOTE_MIN, type OffenseTypeDef } from '@openrtcc/domain';
import { api } from '../../api/client.ts';
import { useResource } from '../../app/use-resource.ts';
import type { JustificationPolicyView } from './search-query.ts';

/** The justification policy as the server has it, and its offense list (the built-in one until it loads). */
export function useJustificationPolicy(): { policy: JustificationPolicyView | undefined; offenses: readonly OffenseTypeDef[] } {
  const policy = useResource('justification-policy', (signal) => api<JustificationPolicyView>('GET', '/api/v1/justification-policy', { signal }), 'Could not load the offense list').data;
  return { policy, offenses: policy?.offenseTypes ?? OFFENSE_TYPES };
}

export function OffenseSelect(p: { id: string; value: string; offenses: readonly OffenseTypeDef[]; onChange: (code: string) => void; onBlur?: () => void }) {
  return (
    <select id={p.id} value={p.value} onChange={(e) => p.onChange(e.target.value)} onBlur={p.onBlur}>
      <option value="">Choose the offense…</option>
      {p.offenses.map((o) => (
        <option key={o.code} value={o.code}>
          {o.label}
        </option>
      ))}
    </select>
  );
}

/** "Note (optional)", or what the chosen offense requires of it. */
export function noteLabel(offenses: readonly OffenseTypeDef[], offenseType: string): string {
  const required = offenses.find((o) => o.code === offenseType)?.noteRequired === true;
  return `Note ${required ? `(required: at least ${OTHER_FELONY_NOTE_MIN} characters)` : '(optional)'}`;
}
