/**
 * The hotlists the simulator creates through the API: its stolen vehicles (with decoy records for
 * cars that never come to town, as in any real hot file) and its wanted persons' vehicles.
 */
import type { City } from './city.ts';
import { generatePlate } from './plates.ts';
import { createRng } from './random.ts';

/** One entry as `POST /api/v1/hotlists/{id}/entries` takes it. */
export interface SimHotlistEntry {
  plate: string;
  state: string;
  reason: string;
  recordId: string;
  vehicle: { make: string; model: string; color: string; year: string };
}

/** A list and its entries. */
export interface SimHotlist {
  name: string;
  kind: 'ncic' | 'custom';
  entries: SimHotlistEntry[];
}

/** The city's hotlists; deterministic for the seed. */
export function cityHotlists(city: City): SimHotlist[] {
  const rng = createRng(city.seed, 'hotlists');
  const nic = (code: string) => `${code}${String(rng.int(0, 999_999_999)).padStart(9, '0')}`;
  const entry = (v: City['vehicles'][number], reason: string, code: string): SimHotlistEntry => ({
    plate: v.plate,
    state: v.state,
    reason,
    recordId: nic(code),
    vehicle: { make: v.make, model: v.model, color: v.color, year: String(v.year) },
  });
  const stolen = city.vehicles.filter((v) => v.flag === 'stolen').map((v) => entry(v, 'Stolen vehicle (simulated record)', 'V'));
  const wanted = city.vehicles.filter((v) => v.flag === 'wanted').map((v) => entry(v, 'Registered owner wanted: felony warrant (simulated record)', 'W'));
  const inCity = new Set(city.vehicles.map((v) => `${v.state}:${v.plate}`));
  const home = city.settings.fleet.homeState;
  for (let k = 0; k < city.settings.hotlistDecoys; k++) {
    const plate = generatePlate(rng, home);
    if (inCity.has(`${home}:${plate}`)) continue;
    stolen.push({ plate, state: home, reason: 'Stolen vehicle (simulated record)', recordId: nic('V'), vehicle: { make: 'unknown', model: 'unknown', color: 'unknown', year: '' } });
  }
  const tag = `seed ${city.seed}`;
  return [
    { name: `Stolen vehicles (simulated NCIC, ${tag})`, kind: 'ncic', entries: stolen },
    { name: `Wanted persons' vehicles (simulated, ${tag})`, kind: 'custom', entries: wanted },
  ];
}
