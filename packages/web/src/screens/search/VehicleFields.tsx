/**
 * The search form's vehicle description: make, colour and body type from the values the
 * platform matches on (every camera's spelling of them is found, see `matchesVehicle`), and a
 * free model. Narrows a plate, camera or area search; never searches on its own.
 */
import { VEHICLE_BODY_TYPES, VEHICLE_COLORS, VEHICLE_MAKES, type VehicleFilter } from '@openrtcc/domain';

const BODY_LABELS: Record<string, string> = { suv: 'SUV' };
const label = (v: string) => BODY_LABELS[v] ?? v.charAt(0).toUpperCase() + v.slice(1);

function Choice({ id, text, value, options, onChange }: { id: string; text: string; value: string | undefined; options: readonly string[]; onChange: (v: string) => void }) {
  return (
    <div className="form-row">
      <label htmlFor={id}>{text}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        <option value="">Any</option>
        {options.map((o) => (
          <option key={o} value={o}>
            {label(o)}
          </option>
        ))}
      </select>
    </div>
  );
}

export function VehicleFields({ vehicle = {}, onChange }: { vehicle?: VehicleFilter; onChange: (v: VehicleFilter) => void }) {
  const set = (k: keyof VehicleFilter, v: string) => onChange({ ...vehicle, [k]: v || undefined });
  const any = Object.values(vehicle).some((v) => v && v.trim());
  return (
    <fieldset data-testid="vehicle-fields">
      <legend>Vehicle</legend>
      <div className="two-col">
        <Choice id="vehicle-make" text="Make" value={vehicle.make} options={VEHICLE_MAKES} onChange={(v) => set('make', v)} />
        <div className="form-row">
          <label htmlFor="vehicle-model">Model</label>
          <input id="vehicle-model" value={vehicle.model ?? ''} onChange={(e) => set('model', e.target.value)} placeholder="e.g. Camry" autoComplete="off" maxLength={40} />
        </div>
        <Choice id="vehicle-color" text="Colour" value={vehicle.color} options={VEHICLE_COLORS} onChange={(v) => set('color', v)} />
        <Choice id="vehicle-body" text="Body type" value={vehicle.bodyType} options={VEHICLE_BODY_TYPES} onChange={(v) => set('bodyType', v)} />
      </div>
      <p className="muted small">
        As cameras describe it: “gray” also finds silver-gray, “pickup” every pickup size. Reads without a description are left out{any ? '' : ' once a field is chosen'}.
      </p>
    </fieldset>
  );
}
