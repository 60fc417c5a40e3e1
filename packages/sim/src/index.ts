/**
 * @openrtcc/sim: a seeded, reproducible simulated city that drives OpenRTCC through its real
 * ingest routes. `buildCity` makes the city, `CitySimulator` its event stream (after the OCR noise
 * model), `DispatchSimulator` its calls, unit movements and gunshot alerts, `SimDriver` posts
 * both to a server, `runLive` paces it on a `SimClock`; `generateBulk` and
 * `generateBulkHotlist` make benchmark data sets of millions of reads, in memory, without HTTP.
 * @example
 * const sim = new CitySimulator(buildCity(42));
 * const driver = new SimDriver({ baseUrl: 'http://127.0.0.1:8080', adminToken, sim });
 * await driver.setup();
 * await driver.step(start, start + 3_600_000);
 */
export { createRng, hashSeed, permutation, shuffle, type Rng } from './random.ts';
export { PLATE_FORMATS, PLATE_STATES, STATE_LOOKALIKES, generatePlate, isValidPlate, type PlateFormat } from './plates.ts';
export { CONFUSIONS, DEFAULT_NOISE, confuseOne, observePlate, type NoiseError, type NoiseSettings, type Observation, type ObservedCandidate } from './noise.ts';
export { buildStreets, route, type StreetGrid, type StreetNode, type StreetSettings } from './streets.ts';
export { streetsGeoJson, type StreetFeature } from './streets-geojson.ts';
export { buildFleet, type FleetSettings, type SimVehicle, type VehicleRole } from './vehicles.ts';
export { DEFAULT_CITY, buildCity, type Beat, type City, type CitySettings, type PatrolUnit, type SimCamera } from './city.ts';
export { simulateDay, type CameraPass, type DayTraffic, type MobileSighting } from './traffic.ts';
export { CitySimulator, type SimRead } from './simulator.ts';
export { SimClock } from './clock.ts';
export { lastLocalHour, localClock, localDay, zoneOffsetMs } from './time.ts';
export { cityHotlists, type SimHotlist, type SimHotlistEntry } from './hotlists.ts';
export { generateBulk, type BulkData, type BulkParams, type BulkReads } from './bulk.ts';
export { bulkCity, bulkCitySettings, type BulkCamera } from './bulk-city.ts';
export { drawPlates, drawState, plateKey, PlateKeySet, type StateMix } from './bulk-plates.ts';
export { generateBulkHotlist, LISTED_PLATE_SHARE, type BulkHotlist } from './bulk-hotlist.ts';
export { alprGroup, alprGroupEventId, frameUuid, platformRead } from './payloads.ts';
export { ApiClient, SimApiError, type ApiResponse } from './api-client.ts';
export { SimDriver, type DriverOptions, type DriverStats, type ReadTruth, type SetupResult } from './driver.ts';
export { runLive, statusLine, type LiveOptions } from './live.ts';
export { DEFAULT_CALLS, drawCalls, randomPlace, type CallPlace, type CallSettings, type CallType, type SimCall } from './calls.ts';
export { SHIFT_HOURS, shiftCallSign, shiftsOfDay, simulateShift, stationOf, type Assignment, type Shift, type ShiftUnit, type SimGunshot, type SimIncident } from './dispatch.ts';
export { Itinerary, positionAt, SPEEDS, type Leg } from './itinerary.ts';
export { eidoTimes, gunshotAlert, incidentEido, incidentStatusAt, osmandQuery, type PhonePosition } from './dispatch-payloads.ts';
export { DispatchSimulator, type DispatchEvent, type DispatchOptions } from './dispatch-simulator.ts';
export { DispatchDriver, type DispatchServerStatus, type DispatchSetup, type DispatchStats } from './dispatch-driver.ts';
