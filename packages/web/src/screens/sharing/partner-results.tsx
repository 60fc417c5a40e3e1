/**
 * What a search that included partner agencies adds to the search screen: whether the checkbox is
 * offered, the partners' reads made safe to show beside ours, and how each partner answered.
 */
import type { FederatedReadView, Page, PartnerOutcome } from '@openrtcc/domain';
import type { ReadView } from '../../api/wire.ts';
import { useStore } from '../../app/store.ts';
import { modules, moduleOn } from '../../live/cameras.ts';
import { fmtDateTime } from '../../ui/format.ts';

/** A row of the results: ours, or a partner's tagged with its agency. */
export type SearchRow = ReadView & Partial<Pick<FederatedReadView, 'agency' | 'agreementId' | 'cameraName'>>;

/** A search page, with how each partner answered when partners were included. */
export type SearchPage = Page<SearchRow> & { partners?: PartnerOutcome[] };

/** The sharing module is on: the search form offers "Include partner agencies". */
export function usePartnersAvailable(): boolean {
  return moduleOn(useStore(modules), 'sharing');
}

/**
 * A partner's read ids and camera ids are the partner's: ids are prefixed with the agreement so
 * they never collide with ours, and the camera is shown by the name the partner gave.
 */
export function partnerRowsSafe(page: SearchPage): SearchPage {
  return {
    ...page,
    items: page.items.map((r) => {
      if (!r.agreementId) return r;
      const { cameraId: _theirs, ...rest } = r;
      return { ...rest, id: `${r.agreementId}/${r.id}` };
    }),
  };
}

export function PartnerOutcomes({ partners }: { partners: PartnerOutcome[] }) {
  if (partners.length === 0) return null;
  return (
    <ul className="partner-outcomes small" data-testid="partner-outcomes" aria-label="Partner agencies">
      {partners.map((p) => (
        <li key={p.agreementId} className={p.ok ? 'ok' : 'failed'}>
          <strong>{p.agency}</strong>:{' '}
          {p.ok
            ? `${p.count} read${p.count === 1 ? '' : 's'}${p.truncated ? ' (capped by the agreement)' : ''}${p.windowFrom ? `, since ${fmtDateTime(p.windowFrom)} (their limit)` : ''}`
            : p.error.message}
        </li>
      ))}
    </ul>
  );
}
