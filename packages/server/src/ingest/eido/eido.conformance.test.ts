// Conformance: NENA's own sample EIDO (../shared/samples/eido, a call transfer without an
// incident component) decodes to the call for service it describes, with its caller's role.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { it } from 'node:test';
import { eidoDecoder } from './eido.decoder.ts';

const SAMPLES = fileURLToPath(new URL('../../../../../../shared/samples/eido/', import.meta.url));

it('decodes NENA-STA-021 "Sample call transfer EIDO" to one open call for service in Wilmington, DE', () => {
  const body = readFileSync(`${SAMPLES}nena-sample-call-transfer.eido.json`);
  const decoded = eidoDecoder.decode({ body, receivedAt: Date.UTC(2026, 0, 1) });
  assert.deepEqual(decoded, {
    incidents: [
      {
        sourceSystem: 'eido',
        sourceIncidentId: 'urn:emergency:uid:incidentid:a56e556d871:bcf.state.pa.us',
        updatedAt: Date.parse('2021-04-30T14:43:49.439-04:00'),
        openedAt: Date.parse('2021-04-30T14:40:00.0-04:00'),
        callType: 'emergency',
        location: {
          civic: { country: 'US', A1: 'DE', A3: 'Wilmington', PRD: 'W', RD: 'Cellular', STS: 'Street', HNO: '42' },
          address: '42 W Cellular Street, Wilmington, DE, US',
          locationType: 'RoutingLocation',
          referenceUrl: 'https://lrf.osp.com?oasufdqwerjn12346jfias',
        },
        notes: [],
        dispositions: [],
        units: [],
        // the caller, as their role only: the sample's person carries no description
        persons: [{ id: '123e4567-abcd-12d3-a456-426614174000', roles: ['Caller'], at: Date.parse('2021-04-30T14:40:00.0-04:00') }],
      },
    ],
    units: [],
  });
});
