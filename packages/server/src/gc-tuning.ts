/**
 * V8 settings of the server process, applied before anything else is loaded (main.ts imports
 * this module first).
 *
 * Allocation-site pretenuring is off. V8 watches how many objects of each allocation site outlive
 * a young-generation collection and, past a threshold, allocates that site's objects directly in
 * the old generation from then on. Under sustained ingest a read's objects (its decoded fields,
 * its row, the stored read) stay alive across a collection while they wait for the group commit
 * and its sync, so V8 pretenured those sites; afterwards every read's objects, short-lived as they
 * are, filled the old generation (about 14 MB between two young collections at 36,000 reads/s)
 * and every young collection had to scan the pointers from all of them into the young
 * generation: 10–30 ms pauses instead of 3–6, the main cause of the alert tail at half load.
 */
import { setFlagsFromString } from 'node:v8';

setFlagsFromString('--no-allocation-site-pretenuring');
